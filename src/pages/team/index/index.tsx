import { Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FormField } from '@/components/form-field';
import { formatWindow } from '@/components/order-card';
import { PagedList } from '@/components/paged-list';
import { LoadPlaceholder, type LoadState, StateView } from '@/components/state-view';
import { Tabs } from '@/components/tabs';
import { orderFn } from '@/contracts';
import { ORDER_TAIL_LENGTH, orderByTail, orderTail } from '@/domain/order/check-in.rules';
import type { OrderPage, OrderSummary, PoolEntry } from '@/domain/order/order.views';
import type { TeamConsoleView, WithScreen } from '@/domain/order/screen.views';
import { ErrorCode } from '@/domain/shared/domain-error';
import { CloudCallError, callCloud, errorMessage } from '@/services/cloud';
import { OrderRow } from '../shared/order-row';
import './index.scss';

type Tab = 'inbox' | 'pool' | 'team';
const TABS: { key: Tab; label: string }[] = [
  { key: 'inbox', label: '待接单' },
  { key: 'pool', label: '抢单大厅' },
  { key: 'team', label: '我队订单' },
];

const openOrder = (orderId: string) => void Taro.navigateTo({ url: `/pages/team/order/index?orderId=${encodeURIComponent(orderId)}` });

/** 服务任务: orders my teams have taken and are serving (they come with the console's one call). */
function MemberOrders({ orders }: { orders: OrderSummary[] }) {
  return (
    <View className="card">
      <Text className="section-title team-home__title">服务任务</Text>
      {orders.length === 0 ? <Text className="muted">暂无需要上门服务的订单</Text> : null}
      {orders.map((o) => (
        <OrderRow key={o.orderId} order={o} onClick={() => openOrder(o.orderId)} />
      ))}
    </View>
  );
}

/** 服务签到 without typing an order number: pick one of the team's orders in service, or type the last 6 characters of its number. */
function SignInEntry({ orders }: { orders: OrderSummary[] }) {
  const [tail, setTail] = useState('');
  const [error, setError] = useState('');
  const labels = orders.map((o) => `${o.itemName} · ${formatWindow(o.preferredWindow)} · 尾号 ${orderTail(o.orderId)}`);
  const openByTail = () => {
    const found = orderByTail(orders, tail);
    if (found) return openOrder(found.orderId);
    setError(
      tail.replace(/\s+/g, '').length < ORDER_TAIL_LENGTH
        ? `请输入订单号的后 ${ORDER_TAIL_LENGTH} 位`
        : `你的队伍服务中的订单里没有尾号为 ${tail.trim()} 的订单，请核对，或从队长转发的卡片打开`,
    );
  };
  return (
    <View className="card">
      <Text className="section-title team-home__title">服务签到</Text>
      <Text className="muted team-home__hint">
        到场后打开订单，凭居民出示的确认码签到、签退。选一个你的队伍正在服务的订单，或输入订单号的后 6 位。
      </Text>
      {orders.length > 0 ? (
        <Picker mode="selector" range={labels} onChange={(e) => openOrder(orders[Number(e.detail.value)]?.orderId ?? '')}>
          <FormField label="选择订单">
            <Text className="form-field__picker team-home__pick">选择要签到的订单（{orders.length} 个）▾</Text>
          </FormField>
        </Picker>
      ) : (
        <Text className="muted team-home__hint">你的队伍暂时没有服务中的订单；也可以从队长转发的订单卡片打开。</Text>
      )}
      <FormField label="订单号后 6 位" error={error || undefined} hint="订单详情里的订单号，只输最后 6 位">
        <FieldInput
          value={tail}
          maxlength={24}
          placeholder="例如 3fa9c2"
          onChange={(value) => {
            setTail(value);
            setError('');
          }}
        />
      </FormField>
      <AsyncButton disabled={tail.trim().length === 0} onClick={openByTail}>
        打开订单
      </AsyncButton>
    </View>
  );
}

/** For volunteers: the teams they serve in, their service tasks, opening an order to check in. */
function VolunteerPanel({ view }: { view: TeamConsoleView }) {
  const teams = view.serves;
  const orders: OrderSummary[] = view.page.items;
  return (
    <>
      <MemberOrders orders={orders} />
      <View className="card">
        <Text className="section-title team-home__title">我的队伍</Text>
        {teams.length === 0 ? <Text className="muted">还没有加入志愿服务队</Text> : null}
        {teams.map((t) => (
          <Text key={t.teamId} className="team-home__team">
            {t.name || t.teamId}
          </Text>
        ))}
      </View>
      <SignInEntry orders={orders} />
    </>
  );
}

/** 接单 (team console): for leaders 待接单 / 抢单大厅 / 我队订单; for volunteers their teams and sign-in entry. */
export default function TeamHomePage() {
  const [view, setView] = useState<LoadState<TeamConsoleView> | { status: 'forbidden' }>({ status: 'loading' });
  /** The first page the console's call answered: the list shows it without a call of its own. */
  const primed = useRef<TeamConsoleView['page'] | null>(null);
  const [tab, setTab] = useState<Tab>('inbox');
  const [round, setRound] = useState(0);
  const refresh = () => setRound((r) => r + 1);

  // One call on every show (back from an order too: taken, declined, checked in): the caller's
  // teams and the tab's first page, which the list then shows without a call of its own.
  const open = useCallback(async () => {
    try {
      const next = await callCloud(orderFn, 'teamConsole', { tab });
      primed.current = next.page;
      setView({ status: 'ready', data: next });
      setRound((r) => r + 1);
    } catch (err) {
      // Neither a volunteer nor a leader: the console says who may use it.
      if (err instanceof CloudCallError && err.code === ErrorCode.Forbidden) setView({ status: 'forbidden' });
      else setView({ status: 'error', message: errorMessage(err) });
    }
  }, [tab]);
  useDidShow(() => {
    void open();
  });

  const load = useCallback(
    async (cursor: string | undefined): Promise<OrderPage | { items: PoolEntry[]; nextCursor: null }> => {
      const first = cursor ? null : primed.current;
      primed.current = null;
      if (first) return first;
      if (tab === 'pool') {
        const r = await callCloud(orderFn, 'pool');
        return { items: r.items, nextCursor: null };
      }
      return callCloud(orderFn, 'inbox', {
        ...(tab === 'inbox' ? { state: 'dispatched' } : {}),
        ...(cursor ? { cursor } : {}),
      });
    },
    [tab],
  );

  if (view.status === 'loading' || view.status === 'error') {
    return (
      <AppPage className="team-home">
        <LoadPlaceholder state={view} onRetry={() => void open()} />
      </AppPage>
    );
  }
  const leads = view.status === 'ready' ? view.data.leads : [];
  const volunteers = view.status === 'ready' ? view.data.serves : [];

  const pointsLink =
    volunteers.length > 0 || leads.length > 0 ? (
      <View
        className="card team-home__link"
        hoverClass="team-home__link--active"
        onClick={() => void Taro.navigateTo({ url: '/pages/team/points/index' })}
      >
        <Text className="team-home__link-text">我的时长与积分</Text>
        <Text className="team-home__link-arrow">›</Text>
      </View>
    ) : null;

  if (leads.length === 0) {
    return (
      <AppPage className="team-home">
        {view.status === 'ready' && volunteers.length > 0 ? (
          <VolunteerPanel view={view.data} />
        ) : (
          <StateView empty emptyText="只有志愿者和队长可以使用接单工作台" />
        )}
        {pointsLink}
      </AppPage>
    );
  }

  /** Shows the console an action answered (`view`): the list takes its first page from it, no reload. */
  const show = (answer: WithScreen) => {
    if (answer.teamConsole) {
      primed.current = answer.teamConsole.page;
      setView({ status: 'ready', data: answer.teamConsole });
    }
    refresh();
  };
  const take = (order: OrderSummary) =>
    callCloud(orderFn, 'transition', { orderId: order.orderId, event: 'take', expectedVersion: order.version, view: 'teamInbox' }).then(
      show,
      (err: unknown) => {
        refresh();
        throw err;
      },
    );
  // No expectedVersion on a grab: a lost race then reads 手慢了… rather than a generic conflict.
  const grab = (order: PoolEntry, teamId?: string) =>
    callCloud(orderFn, 'transition', { orderId: order.orderId, event: 'grab', ...(teamId ? { teamId } : {}), view: 'teamOrders' }).then(
      (answer) => {
        setTab('team');
        show(answer);
      },
    );

  return (
    <AppPage className="team-home">
      <Text className="muted team-home__who">队长 · {leads.map((t) => t.name).join('、')}</Text>
      <Tabs tabs={TABS} active={tab} onChange={setTab} />
      <View className="team-home__list">
        <PagedList<OrderSummary | PoolEntry>
          load={load}
          reloadKey={`${tab}:${round}`}
          keyOf={(o) => o.orderId}
          emptyText={tab === 'pool' ? '抢单大厅暂时没有可抢的订单' : tab === 'inbox' ? '没有派给本队的新订单' : '本队暂无订单'}
          renderItem={(order) => (
            <OrderRow order={order} onClick={() => openOrder(order.orderId)}>
              {tab === 'inbox' && order.state === 'dispatched' ? (
                <>
                  <AsyncButton size="small" successToast="已接单" onClick={() => take(order)}>
                    接单
                  </AsyncButton>
                  <AsyncButton size="small" type="warn" onClick={() => openOrder(order.orderId)}>
                    退回…
                  </AsyncButton>
                </>
              ) : null}
              {tab === 'pool' && 'teams' in order
                ? (order.teams.length > 1 ? order.teams : [undefined]).map((t) => (
                    <AsyncButton
                      key={t?.teamId ?? 'only'}
                      size="small"
                      successToast="抢单成功"
                      onError={refresh}
                      onClick={() => grab(order, t?.teamId)}
                    >
                      {t ? `以「${t.name}」抢单` : '抢单'}
                    </AsyncButton>
                  ))
                : null}
            </OrderRow>
          )}
        />
      </View>
      {pointsLink}
    </AppPage>
  );
}
