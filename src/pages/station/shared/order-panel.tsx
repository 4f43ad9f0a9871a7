import { Text, Textarea, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { AsyncButton, type ConfirmOptions } from '@/components/async-button';
import { CloudPhotos } from '@/components/cloud-image';
import { FormField } from '@/components/form-field';
import { formatWindow } from '@/components/order-card';
import { OrderTimelineCard } from '@/components/order-timeline';
import { LoadPlaceholder } from '@/components/state-view';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/components/timeline';
import { orderFn } from '@/contracts';
import type { InputOf } from '@/contracts/kit';
import type { OrderContract } from '@/contracts/order.contract';
import type { TeamRecommendation } from '@/domain/order/dispatch.rules';
import { isTransitionAction, NOTE_MAX } from '@/domain/order/order.rules';
import { AWAITING_TAKE_STATES, OFFERED_STATES } from '@/domain/order/order.states';
import type { QueuePage, TimelineEntry, TransitionAction } from '@/domain/order/order.views';
import { useCloudLoad } from '@/hooks';
import { CloudCallError, callCloud } from '@/services/cloud';
import './order-panel.scss';

/** Confirmation before each action that cannot simply be undone. */
const CONFIRMS: Record<string, (teamName: string) => ConfirmOptions> = {
  reject: () => ({ title: '驳回订单', content: '驳回后居民会收到通知和理由，订单结束。确定驳回吗？', confirmText: '确定驳回' }),
  escalate: () => ({ title: '上报实践所', content: '上报后由街道实践所处理，本站不能再派单。确定上报吗？', confirmText: '确定上报' }),
  dispatch: (team) => ({ title: '派单', content: `把订单派给「${team}」吗？`, confirmText: '确定派单' }),
  reassign: (team) => ({ title: '改派', content: `原队伍还没有接单。改派给「${team}」吗？`, confirmText: '确定改派' }),
  publish: () => ({ title: '发布抢单', content: '发布到抢单大厅后，符合条件的队伍都可以抢单。确定发布吗？', confirmText: '确定发布' }),
  withdraw: () => ({ title: '撤回抢单', content: '撤回后订单回到待派单。确定撤回吗？', confirmText: '确定撤回' }),
  post_wall: () => ({
    title: '上心愿墙',
    content: '上墙后帮挂单位和在职党员可以认领这个微心愿，不再派给队伍。确定上墙吗？',
    confirmText: '确定上墙',
  }),
  take_down: () => ({ title: '撤下心愿墙', content: '撤下后心愿回到待派单，可以改为派单。确定撤下吗？', confirmText: '确定撤下' }),
};

/** Steps that put the order back on a staff desk with a reason: shown on top while it waits there. */
const BACK_ON_DESK: Partial<Record<string, string>> = { decline: '退回理由', escalate: '上报理由' };

/** The team that has just handed the order back (退回), if that is the latest step. */
const declinedBy = (timeline: TimelineEntry[]) => {
  const last = timeline[timeline.length - 1];
  // A step records the team the order has after it (none after 退回): the team is the step before's.
  return last?.event === 'decline' ? (timeline[timeline.length - 2]?.teamName ?? '') : '';
};

/** The team offered first: the best eligible one, unless it has just handed the order back. */
const firstChoice = (items: TeamRecommendation[], declined: string) =>
  items.find((r) => r.eligible && r.name !== declined) ?? items.find((r) => r.eligible) ?? null;

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="sdetail__row">
      <Text className="sdetail__label">{label}</Text>
      <Text className="sdetail__value">{value}</Text>
    </View>
  );
}

function RecommendationList({
  items,
  chosen,
  declined,
  onChoose,
}: {
  items: TeamRecommendation[];
  chosen: string | null;
  declined: string;
  onChoose: (teamId: string) => void;
}) {
  const [showAll, setShowAll] = useState(false);
  const best = firstChoice(items, declined);
  const eligible = items.filter((r) => r.eligible);
  const others = items.length - eligible.length;
  const shown = showAll ? items : eligible;
  return (
    <View className="rec">
      {eligible.length === 0 ? <Text className="muted rec__none">没有符合条件（技能和服务范围）的队伍</Text> : null}
      {shown.map((r) => (
        <View
          key={r.teamId}
          className={`rec__item${chosen === r.teamId ? ' rec__item--chosen' : ''}${r.eligible ? '' : ' rec__item--ineligible'}`}
          onClick={() => r.eligible && onChoose(r.teamId)}
        >
          <View className="rec__head">
            <Text className="rec__radio">{chosen === r.teamId ? '◉' : '○'}</Text>
            <Text className="rec__name">{r.name}</Text>
            {r === best ? <Text className="rec__badge">推荐</Text> : null}
            {r.eligible && r.name === declined ? <Text className="rec__badge rec__badge--off">刚退回</Text> : null}
            {!r.eligible ? <Text className="rec__badge rec__badge--off">不符合条件</Text> : null}
          </View>
          <Text className="rec__reason">{r.reason}</Text>
        </View>
      ))}
      {others > 0 ? (
        <Text className="rec__more" onClick={() => setShowAll(!showAll)}>
          {showAll ? '收起不符合条件的队伍' : `另有 ${others} 支队伍不符合条件，查看原因 ›`}
        </Text>
      ) : null}
    </View>
  );
}

/** The 派单台 queue beside the panel on a desk, as filtered and paged on screen: each action answers it too. */
export type DeskQueue = NonNullable<InputOf<OrderContract, 'transition'>['queue']>;

export interface StationOrderPanelProps {
  orderId: string;
  /**
   * Beside the queue (desk): the queue as it is on screen at the moment of an action (filters, rows
   * loaded), which the action then also answers (view `stationDesk`) and hands to `onChanged`.
   */
  queue?: () => DeskQueue;
  /**
   * Called after each action: with the queue page the action answered (desk), or without one when
   * the action was refused (the queue beside it then reads itself again).
   */
  onChanged?: (queue?: QueuePage) => void;
}

/**
 * 派单台 · order: the facts, the recommendations with their reasons, and the staff's actions. The
 * detail page shows it alone; the queue shows it beside the list on a desk-wide window.
 */
export function StationOrderPanel({ orderId, queue, onChanged }: StationOrderPanelProps) {
  // One call answers the order and, when it offers a team choice, the recommendations; each action answers both again.
  const { state, setState, reload: load } = useCloudLoad(() => callCloud(orderFn, 'stationOrder', { orderId }), [orderId]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');

  const view = state.status === 'ready' ? state.data : null;
  // The team the order has now is not offered again (改派 picks another one).
  const recs = useMemo(
    () => (view?.recommendations ? view.recommendations.filter((x) => x.teamId !== view.detail.order.teamId) : null),
    [view],
  );
  // Each answered view keeps the team chosen while it is still eligible, else offers the first choice.
  useEffect(() => {
    if (!view || !recs) return;
    const first = firstChoice(recs, declinedBy(view.detail.timeline));
    setChosen((c) => (c && recs.some((x) => x.teamId === c && x.eligible) ? c : (first?.teamId ?? null)));
  }, [view, recs]);

  if (state.status !== 'ready') {
    return (
      <View className="sdetail">
        <LoadPlaceholder state={state} onRetry={() => void load()} />
      </View>
    );
  }

  const { order, timeline, actions, caller } = state.data.detail;
  const transitions = actions.filter(isTransitionAction);
  const teamActions = transitions.filter((a) => a.needsTeam);
  const noteActions = transitions.filter((a) => a.needsNote);
  const plainActions = transitions.filter((a) => !a.needsTeam && !a.needsNote);
  const chosenTeam = recs?.find((r) => r.teamId === chosen) ?? null;
  const last = timeline[timeline.length - 1];
  const backLabel = last?.note ? BACK_ON_DESK[last.event] : undefined;
  // The station looking at an order it escalated, still waiting for the institute to get it taken.
  const escalatedAway = caller.stationAfterEscalation && !caller.institute && AWAITING_TAKE_STATES.includes(order.state);

  const fire = async (action: TransitionAction, extra: { teamId?: string; note?: string } = {}) => {
    let answered: QueuePage | undefined;
    try {
      const done = await callCloud(orderFn, 'transition', {
        orderId,
        event: action.event,
        expectedVersion: order.version,
        ...extra,
        // Beside the queue (desk) the answer brings the queue too, so neither pane reads again.
        ...(queue ? { view: 'stationDesk' as const, queue: queue() } : { view: 'stationOrder' as const }),
      });
      // The answer is the order as it is after the step: shown without reading it again.
      if (done.stationOrder) setState({ status: 'ready', data: done.stationOrder });
      answered = done.queue;
      setNote('');
      setNoteError('');
    } catch (err) {
      // Refused (someone else may have acted first): show the order as it is now.
      await load(true);
      throw err;
    } finally {
      onChanged?.(answered);
    }
  };

  // Tapped without a reason: say so beside the field and in the toast, and ask nothing yet.
  const missingNote = (action: TransitionAction) => {
    const message = `请先填写${action.label}的理由`;
    setNoteError(message);
    return Promise.reject(new CloudCallError('INPUT', message));
  };

  return (
    <View className="sdetail">
      <View className="card">
        <View className="sdetail__head">
          <Text className="sdetail__title">{order.itemName}</Text>
          <StatusTag state={order.state} overdue={order.overdue} />
        </View>
        <Text className="sdetail__desc">{order.description}</Text>
        <CloudPhotos fileIDs={order.photos} />
        <Row
          label="地址"
          value={order.room && !order.addressText.includes(order.room) ? `${order.addressText} ${order.room}` : order.addressText}
        />
        <Row label="居民" value={`${order.requesterName || '—'}${order.proxy ? '（代点单）' : ''}`} />
        <Row label="联系电话" value={order.contactPhone} />
        <Row label="分类" value={order.categoryName} />
        <Row label="期望时间" value={formatWindow(order.preferredWindow)} />
        {order.formAnswers.map((a) => (
          <Row key={a.key} label={a.label} value={a.text} />
        ))}
        <Row label="处理层级" value={order.level === 'institute' ? '街道实践所' : '社区实践站'} />
        {last && backLabel ? <Row label={backLabel} value={[declinedBy(timeline), last.note].filter(Boolean).join('：')} /> : null}
        {order.teamName ? <Row label="服务队伍" value={order.teamName} /> : null}
        {order.adopter ? <Row label="认领人" value={order.adopter} /> : null}
        {OFFERED_STATES.includes(order.state) ? <Row label="接单截止" value={formatDateTime(order.responseDeadline)} /> : null}
        {order.serviceHours ? <Row label="服务时长" value={`${order.serviceHours} 小时`} /> : null}
        {order.report ? <Row label="服务小结" value={order.report.summary || '（未填写）'} /> : null}
        {order.report ? <CloudPhotos fileIDs={order.report.photos} /> : null}
        {order.rating ? <Row label="居民评价" value={`${'★'.repeat(order.rating.stars)} ${order.rating.comment}`} /> : null}
      </View>

      {teamActions.length > 0 ? (
        <View className="card">
          <Text className="section-title sdetail__card-title">{order.state === 'dispatched' ? '改派给其他队伍' : '派单推荐'}</Text>
          {recs !== null ? <RecommendationList items={recs} chosen={chosen} declined={declinedBy(timeline)} onChoose={setChosen} /> : null}
          {teamActions.map((a) => (
            <AsyncButton
              key={a.event}
              className="sdetail__button"
              disabled={!chosenTeam}
              confirm={CONFIRMS[a.event]?.(chosenTeam?.name ?? '')}
              successToast={`已${a.label}`}
              onClick={() => fire(a, { teamId: chosenTeam?.teamId })}
            >
              {chosenTeam ? `${a.label}给「${chosenTeam.name}」` : `请选择要${a.label}的队伍`}
            </AsyncButton>
          ))}
        </View>
      ) : null}

      {plainActions.length > 0 ? (
        <View className="card">
          {plainActions.map((a) => (
            <AsyncButton
              key={a.event}
              className="sdetail__button"
              type={a.event === 'accept' ? 'primary' : 'default'}
              confirm={CONFIRMS[a.event]?.('')}
              successToast={`已${a.label}`}
              onClick={() => fire(a)}
            >
              {a.label}
            </AsyncButton>
          ))}
        </View>
      ) : null}

      {noteActions.length > 0 ? (
        <View className="card">
          <FormField
            label={`${noteActions.map((a) => a.label).join(' / ')}的理由`}
            hint="居民和实践所会看到这段说明"
            error={noteError}
            required
          >
            <Textarea
              className="form-field__textarea"
              value={note}
              maxlength={NOTE_MAX}
              placeholder="请填写理由"
              onInput={(e) => {
                setNote(e.detail.value);
                setNoteError('');
              }}
            />
          </FormField>
          {noteActions.map((a) => (
            <AsyncButton
              key={a.event}
              className="sdetail__button"
              type="warn"
              confirm={note.trim() ? CONFIRMS[a.event]?.('') : undefined}
              successToast={`已${a.label}`}
              onClick={() => (note.trim() ? fire(a, { note: note.trim() }) : missingNote(a))}
            >
              {a.label}
            </AsyncButton>
          ))}
        </View>
      ) : null}

      {actions.length === 0 ? (
        <View className="card">
          <Text className="muted">
            {escalatedAway ? '已上报街道实践所，由实践所受理和派单，本站无需处理。' : '这个订单现在不需要您处理。'}
          </Text>
        </View>
      ) : null}

      <OrderTimelineCard timeline={timeline} />
    </View>
  );
}
