import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { AsyncButton } from '@/components/async-button';
import { formatWindow } from '@/components/order-card';
import { CONSOLES } from '@/components/role-consoles';
import { StatusTag } from '@/components/status-tag';
import { orderFn } from '@/contracts';
import type { BuildingHeadHome, HomeView, LeaderHome, StaffHome, VolunteerHome } from '@/domain/identity/home.views';
import type { Role } from '@/domain/identity/role';
import type { OrderSummary, PoolEntry } from '@/domain/order/order.views';
import type { WithScreen } from '@/domain/order/screen.views';
import { callCloud } from '@/services/cloud';
import { explainShareInBrowser } from '../announce/shared/share-in-browser';

const go = (url: string) => void Taro.navigateTo({ url });
const enc = encodeURIComponent;

/** A row of count tiles: the role's work at a glance; each opens where that work is done. */
export function CountTiles({ tiles }: { tiles: { label: string; value: number; url: string; alert?: boolean; unit?: string }[] }) {
  return (
    <View className="rhome__tiles">
      {tiles.map((t) => (
        <View
          key={t.label}
          className={`rhome__tile${t.alert && t.value > 0 ? ' rhome__tile--alert' : ''}`}
          hoverClass="rhome__tile--active"
          onClick={() => go(t.url)}
        >
          <Text className="rhome__tile-value">
            {t.value}
            {t.unit ? <Text className="rhome__tile-unit">{t.unit}</Text> : null}
          </Text>
          <Text className="rhome__tile-label">{t.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** A titled block with a 全部 › link. */
function Section({ title, more, children }: { title: string; more?: { text: string; url: string }; children: ReactNode }) {
  return (
    <View className="rhome__section">
      <View className="rhome__section-head">
        <Text className="section-title rhome__section-title">{title}</Text>
        {more ? (
          <Text className="rhome__more" onClick={() => go(more.url)}>
            {more.text} ›
          </Text>
        ) : null}
      </View>
      {children}
    </View>
  );
}

function Empty({ text }: { text: string }) {
  return (
    <View className="card rhome__empty">
      <Text className="muted">{text}</Text>
    </View>
  );
}

/** The active role's consoles as big shortcuts (the same list 我的 › 工作台 shows). */
export function Shortcuts({ role }: { role: Role }) {
  const consoles = CONSOLES[role];
  if (consoles.length === 0) return null;
  return (
    <Section title="常用功能">
      <View className="rhome__shortcuts">
        {consoles.map((c) => (
          <View key={c.text} className="rhome__shortcut" hoverClass="rhome__shortcut--active" onClick={() => go(c.url)}>
            <Text className="rhome__shortcut-text">{c.text}</Text>
            {c.extra ? <Text className="rhome__shortcut-extra">{c.extra}</Text> : null}
          </View>
        ))}
      </View>
    </Section>
  );
}

/** One order of a work list: item, state, where, when; tap opens it; `children` are its buttons. */
function WorkRow({ order, url, tag, children }: { order: OrderSummary; url: string; tag?: string; children?: ReactNode }) {
  return (
    <View className={`card rhome__order${order.overdue ? ' rhome__order--overdue' : ''}`}>
      <View className="rhome__order-main" hoverClass="rhome__order-main--active" onClick={() => go(url)}>
        <View className="rhome__order-head">
          <Text className="rhome__order-title">{order.itemName}</Text>
          {tag ? <Text className="rhome__order-tag">{tag}</Text> : null}
          <StatusTag state={order.state} overdue={order.overdue} />
        </View>
        <Text className="rhome__order-desc">{order.description}</Text>
        <Text className="rhome__order-meta">{order.addressText}</Text>
        <Text className="rhome__order-meta">期望时间：{formatWindow(order.preferredWindow)}</Text>
      </View>
      {children ? <View className="rhome__order-actions">{children}</View> : null}
    </View>
  );
}

const QUEUE = '/pages/station/queue/index';

/** 社区实践站 / 街道实践所: 待受理, 超时, 待派单 and the queue's first orders. */
export function StaffHomeView({ home }: { home: StaffHome }) {
  return (
    <>
      <CountTiles
        tiles={[
          { label: '待受理', value: home.counts.submitted, url: QUEUE },
          { label: '超时', value: home.counts.overdue, url: QUEUE, alert: true },
          { label: '待派单', value: home.counts.accepted, url: QUEUE },
        ]}
      />
      <Section title="待办订单" more={{ text: '进入派单台', url: QUEUE }}>
        {home.queue.length === 0 ? <Empty text="没有待办的订单" /> : null}
        {home.queue.map((o) => (
          <WorkRow key={o.orderId} order={o} url={`/pages/station/detail/index?orderId=${enc(o.orderId)}`} />
        ))}
      </Section>
    </>
  );
}

const TEAM = '/pages/team/index/index';
const teamOrder = (o: OrderSummary) => `/pages/team/order/index?orderId=${enc(o.orderId)}`;

/** 队长: 待接单 (dispatched to the team) with 接单, and the 抢单 pool with 抢单. */
export function LeaderHomeView({
  home,
  onChanged,
  onView,
}: {
  home: LeaderHome;
  /** Reads the home again (after a failed action: someone else may have acted first). */
  onChanged: () => void;
  /** Shows the home an action answered (`view: 'leaderHome'`): one call, no reload. */
  onView: (view: HomeView) => void;
}) {
  const shown = (call: Promise<WithScreen>) =>
    call.then(
      (answer) => (answer.home ? onView(answer.home) : onChanged()),
      (err: unknown) => {
        onChanged();
        throw err;
      },
    );
  const take = (o: OrderSummary) =>
    shown(callCloud(orderFn, 'transition', { orderId: o.orderId, event: 'take', expectedVersion: o.version, view: 'leaderHome' }));
  // No expectedVersion on a grab: a lost race then reads 手慢了… rather than a generic conflict.
  const grab = (o: PoolEntry, teamId?: string) =>
    shown(callCloud(orderFn, 'transition', { orderId: o.orderId, event: 'grab', ...(teamId ? { teamId } : {}), view: 'leaderHome' }));
  return (
    <>
      <CountTiles
        tiles={[
          { label: '待接单', value: home.counts.inbox, url: TEAM, alert: true },
          { label: '可抢单', value: home.counts.pool, url: TEAM },
        ]}
      />
      <Section title="待接单" more={{ text: '全部', url: TEAM }}>
        {home.inbox.length === 0 ? <Empty text="没有派给本队的新订单" /> : null}
        {home.inbox.map((o) => (
          <WorkRow key={o.orderId} order={o} url={teamOrder(o)}>
            <AsyncButton size="small" successToast="已接单" onClick={() => take(o)}>
              接单
            </AsyncButton>
            <AsyncButton size="small" type="default" onClick={() => go(teamOrder(o))}>
              查看 / 退回
            </AsyncButton>
          </WorkRow>
        ))}
      </Section>
      <Section title="抢单大厅" more={{ text: '全部', url: TEAM }}>
        {home.pool.length === 0 ? <Empty text="抢单大厅暂时没有可抢的订单" /> : null}
        {home.pool.map((o) => (
          <WorkRow key={o.orderId} order={o} url={teamOrder(o)}>
            {(o.teams.length > 1 ? o.teams : [undefined]).map((t) => (
              <AsyncButton key={t?.teamId ?? 'only'} size="small" successToast="抢单成功" onClick={() => grab(o, t?.teamId)}>
                {t ? `以「${t.name}」抢单` : '抢单'}
              </AsyncButton>
            ))}
          </WorkRow>
        ))}
      </Section>
    </>
  );
}

/** 志愿者: today's service tasks first. */
export function VolunteerHomeView({ home }: { home: VolunteerHome }) {
  const today = new Set(home.todayIds);
  return (
    <>
      <CountTiles
        tiles={[
          { label: '今日任务', value: home.counts.today, url: TEAM, alert: true },
          { label: '服务中的订单', value: home.counts.active, url: TEAM },
        ]}
      />
      <Section title="今日任务" more={{ text: '全部任务', url: TEAM }}>
        {home.tasks.length === 0 ? <Empty text="今天没有需要上门的服务。队长派给你后会出现在这里。" /> : null}
        {home.tasks.map((o) => (
          <WorkRow key={o.orderId} order={o} url={teamOrder(o)} tag={today.has(o.orderId) ? '今天' : undefined} />
        ))}
      </Section>
    </>
  );
}

const TASKS = '/pages/announce/tasks';
const BINDINGS = '/pages/manage/bindings/index';

/** 楼栋长: 转发任务 with 未读住户, and residents waiting for 绑定审核. */
export function BuildingHeadHomeView({ home }: { home: BuildingHeadHome }) {
  const firstUnread = home.tasks.find((t) => t.unreadHouseholds > 0);
  const unreadUrl = firstUnread
    ? `/pages/announce/unread?id=${enc(firstUnread.announcementId)}&buildingId=${enc(firstUnread.buildingId)}`
    : TASKS;
  return (
    <>
      <CountTiles
        tiles={[
          { label: '转发任务', value: home.counts.tasks, url: TASKS },
          { label: '待审核住户', value: home.counts.bindings, url: BINDINGS, alert: true },
          { label: '未读住户', value: home.counts.unreadHouseholds, url: unreadUrl, unit: '户' },
        ]}
      />
      <Section title="转发任务" more={{ text: '全部', url: TASKS }}>
        {home.tasks.length === 0 ? <Empty text="暂无需要转发的公告" /> : null}
        {home.tasks.map((t) => (
          <View key={`${t.announcementId}:${t.buildingId}`} className="card rhome__task">
            <Text className="rhome__order-title" onClick={() => go(`/pages/announce/detail?id=${enc(t.announcementId)}`)}>
              {t.title}
            </Text>
            <Text className="rhome__order-meta">{t.buildingName}</Text>
            <View className="rhome__order-actions">
              <Text
                className="rhome__link"
                onClick={() => go(`/pages/announce/unread?id=${enc(t.announcementId)}&buildingId=${enc(t.buildingId)}`)}
              >
                {t.unreadHouseholds > 0 ? `未读 ${t.unreadHouseholds} 户，去敲门 ›` : '全部已读 ›'}
              </Text>
              {/* weapp: 转发任务 forwards the card (openType="share"); the browser cannot, so it says so and offers the link. */}
              <Text className="rhome__link" onClick={() => (process.env.TARO_ENV === 'h5' ? void explainShareInBrowser(t) : go(TASKS))}>
                转发到楼栋群 ›
              </Text>
            </View>
          </View>
        ))}
      </Section>
      <Section title="待审核住户" more={{ text: '去审核', url: BINDINGS }}>
        {home.bindings.length === 0 ? <Empty text="没有等待审核的住户" /> : null}
        {home.bindings.map((b) => (
          <View key={b.openid} className="card rhome__task" hoverClass="rhome__order-main--active" onClick={() => go(BINDINGS)}>
            <Text className="rhome__order-title">
              {b.displayName} · {b.buildingName}
              {b.room}
            </Text>
            <Text className="rhome__order-meta">申请绑定，等你确认</Text>
          </View>
        ))}
      </Section>
    </>
  );
}
