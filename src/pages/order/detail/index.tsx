import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton, type ConfirmOptions } from '@/components/async-button';
import { CloudPhotos } from '@/components/cloud-image';
import { FieldTextarea, FormField } from '@/components/form-field';
import { formatWindow } from '@/components/order-card';
import { OrderTimelineCard } from '@/components/order-timeline';
import { LoadPlaceholder } from '@/components/state-view';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/components/timeline';
import { orderFn } from '@/contracts';
import { volunteerCallName } from '@/domain/identity/pii-masking';
import { isTransitionAction, NOTE_MAX } from '@/domain/order/order.rules';
import type { TransitionAction } from '@/domain/order/order.views';
import type { WithScreen } from '@/domain/order/screen.views';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { type RatingInput, RatingPanel } from './rating';
import './index.scss';

/** Confirm texts of the resident's destructive events: plain words on both buttons. */
const CONFIRMS: Record<string, ConfirmOptions> = {
  cancel: { title: '取消订单', content: '取消后，如还需要服务，要重新点单。', confirmText: '取消订单', cancelText: '再想想' },
  reopen: { title: '请社区重新处理', content: '问题没有解决，要请社区重新处理吗？', confirmText: '重新处理', cancelText: '再想想' },
};

/** 问题解决了吗？是 before the 回头看 date: remembered on this phone so the question does not come back. */
const solvedKey = (orderId: string) => `order.solved.${orderId}`;
function answeredSolved(orderId: string): boolean {
  try {
    return Taro.getStorageSync(solvedKey(orderId)) === true;
  } catch {
    return false;
  }
}
function rememberSolved(orderId: string): void {
  try {
    Taro.setStorageSync(solvedKey(orderId), true);
  } catch {
    // Storage unavailable: the question stays until the page is left.
  }
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="detail__row">
      <Text className="detail__label">{label}</Text>
      <Text className="detail__value">{value}</Text>
    </View>
  );
}

/** Order detail: state, facts, 确认码, the caller's actions (cancel, rate, 回头看), the timeline. */
export default function OrderDetailPage() {
  const { params } = useRouter();
  const orderId = params.orderId ?? '';
  const { state, setState, reload: load } = useCloudLoad(() => callCloud(orderFn, 'detail', { orderId }), [orderId]);
  const [note, setNote] = useState('');
  const [solvedAnswer, setSolvedAnswer] = useState<'no' | null>(null);
  const [solvedHere, setSolvedHere] = useState(() => answeredSolved(orderId));

  if (state.status !== 'ready') {
    return (
      <AppPage className="detail">
        <LoadPlaceholder state={state} onRetry={() => void load()} />
      </AppPage>
    );
  }

  const { order, timeline, actions } = state.data;
  const expectedVersion = order.version;
  // Every action answers the order as it is after it (`view: 'detail'`): one call, no reload.
  const after = async (p: Promise<WithScreen>) => {
    const answer = await p;
    setNote('');
    if (answer.detail) setState({ status: 'ready', data: answer.detail });
    else await load(true);
  };
  const transition = (action: TransitionAction) =>
    after(
      callCloud(orderFn, 'transition', {
        orderId,
        event: action.event,
        ...(note.trim() ? { note: note.trim() } : {}),
        expectedVersion,
        view: 'detail',
      }),
    );
  const rate = (input: RatingInput) =>
    after(
      callCloud(orderFn, 'rate', {
        orderId,
        stars: input.stars,
        ...(input.tags.length ? { tags: input.tags } : {}),
        ...(input.comment ? { comment: input.comment } : {}),
        expectedVersion,
        view: 'detail',
      }),
    );
  const followUp = (solved: boolean) =>
    after(
      callCloud(orderFn, 'followUp', {
        orderId,
        solved,
        ...(note.trim() ? { note: note.trim() } : {}),
        expectedVersion,
        view: 'detail',
      }),
    );

  const followUpOpen = order.followUpOpen === true || actions.some((a) => a.viaAction === 'followUp');
  const canRate = actions.some((a) => a.viaAction === 'rate');
  const reopen = actions.find((a): a is TransitionAction => isTransitionAction(a) && a.event === 'reopen');
  // After the rating (and again at 回头看): one plain question, 问题解决了吗？是 / 否, instead of a red
  // 回头看：问题未解决 button. 是 before the 回头看 date only hides the question on this phone.
  const askSolved = followUpOpen || (reopen !== undefined && !solvedHere);
  const reopenNow = () =>
    reopen
      ? after(callCloud(orderFn, 'transition', { orderId, event: 'reopen', note: note.trim(), expectedVersion, view: 'detail' }))
      : Promise.resolve();
  const markSolved = () => {
    rememberSolved(orderId);
    setSolvedHere(true);
  };
  // Plain state-machine buttons; 回头看 (follow_up / reopen) is the question card above.
  const buttons = actions.filter((a): a is TransitionAction => isTransitionAction(a) && a.event !== 'reopen');
  const needsNote = buttons.some((a) => a.needsNote);

  return (
    <AppPage className="detail">
      <View className="card">
        <View className="detail__head">
          <Text className="detail__title">{order.itemName}</Text>
          <StatusTag state={order.state} overdue={order.overdue} />
        </View>
        <Text className="detail__desc">{order.description}</Text>
        <Row label="服务类别" value={order.categoryName} />
        <Row label="期望时间" value={formatWindow(order.preferredWindow)} />
        {order.formAnswers.map((a) => (
          <Row key={a.key} label={a.label} value={a.text} />
        ))}
        <Row label="服务地址" value={order.addressText} />
        <Row label="联系电话" value={order.contactPhone} />
        {order.teamName ? <Row label="服务队伍" value={order.teamName} /> : null}
        {order.assignees.length > 0 ? (
          <Row
            label="上门志愿者"
            value={`${order.assignees.map((a) => volunteerCallName(a.name)).join('、')}${order.teamName ? `（${order.teamName}）` : ''}`}
          />
        ) : null}
        {order.serviceHours ? <Row label="服务时长" value={`${order.serviceHours} 小时`} /> : null}
        {order.proxy ? <Row label="下单方式" value={`楼栋长代点单${order.requesterName ? `（为 ${order.requesterName}）` : ''}`} /> : null}
        <Row label="下单时间" value={formatDateTime(order.createdAt)} />
        <CloudPhotos fileIDs={order.photos} className="detail__photos" />
      </View>

      {order.serviceCode ? (
        <View className="card detail__code">
          <Text className="detail__code-label">服务确认码</Text>
          <Text className="detail__code-value">{order.serviceCode}</Text>
          <Text className="muted">志愿者上门签到、签退时，请把这个确认码告诉他们</Text>
        </View>
      ) : null}

      {order.report ? (
        <View className="card">
          <Text className="section-title detail__card-title">服务小结</Text>
          <Text className="detail__desc">{order.report.summary || '（未填写）'}</Text>
          <CloudPhotos fileIDs={order.report.photos} className="detail__photos" />
        </View>
      ) : null}

      {order.rating ? (
        <View className="card">
          <Text className="section-title detail__card-title">我的评价</Text>
          <Text className="detail__stars">
            {'★'.repeat(order.rating.stars)}
            {'☆'.repeat(5 - order.rating.stars)}
          </Text>
          {order.rating.tags.length > 0 ? <Text className="detail__desc">{order.rating.tags.join(' · ')}</Text> : null}
          {order.rating.comment ? <Text className="detail__desc">{order.rating.comment}</Text> : null}
        </View>
      ) : null}

      {canRate ? <RatingPanel onSubmit={rate} /> : null}

      {askSolved ? (
        <View className="card detail__actions detail__solved">
          <Text className="section-title detail__card-title">问题解决了吗？</Text>
          {solvedAnswer === 'no' ? (
            <>
              <FormField label="哪里还没有解决？" required>
                <FieldTextarea placeholder="例如：水龙头又开始漏水" value={note} maxlength={NOTE_MAX} onChange={setNote} />
              </FormField>
              <View className="detail__buttons">
                <AsyncButton type="default" onClick={() => setSolvedAnswer(null)}>
                  返回
                </AsyncButton>
                <AsyncButton
                  disabled={!note.trim()}
                  confirm={CONFIRMS.reopen}
                  onClick={() => (followUpOpen ? followUp(false) : reopenNow())}
                  successToast="已请社区重新处理"
                >
                  请社区重新处理
                </AsyncButton>
              </View>
            </>
          ) : (
            <>
              <Text className="muted">
                {followUpOpen ? '服务结束一段时间了，问题一直没有再出现吗？' : '如果问题还在，点「否」，社区会重新处理。'}
              </Text>
              <View className="detail__buttons">
                <AsyncButton onClick={() => (followUpOpen ? followUp(true) : markSolved())} successToast="感谢反馈">
                  是
                </AsyncButton>
                <AsyncButton type="default" onClick={() => setSolvedAnswer('no')}>
                  否
                </AsyncButton>
              </View>
            </>
          )}
        </View>
      ) : null}

      {buttons.length > 0 ? (
        <View className="card detail__actions">
          {needsNote ? (
            <FormField label="说明">
              <FieldTextarea placeholder="请填写说明" value={note} maxlength={NOTE_MAX} onChange={setNote} />
            </FormField>
          ) : null}
          <View className="detail__buttons">
            {buttons.map((a) => (
              <AsyncButton
                key={a.event}
                type={a.event === 'cancel' ? 'warn' : 'primary'}
                confirm={CONFIRMS[a.event]}
                onClick={() => transition(a)}
                successToast={a.event === 'cancel' ? '订单已取消' : '已提交'}
              >
                {a.event === 'cancel' ? '取消订单' : a.label}
              </AsyncButton>
            ))}
          </View>
        </View>
      ) : null}

      <OrderTimelineCard timeline={timeline} />
    </AppPage>
  );
}
