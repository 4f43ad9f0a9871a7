import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { OrderTimelineCard } from '@/components/order-timeline';
import { LoadPlaceholder } from '@/components/state-view';
import { orderFn } from '@/contracts';
import { CONTACT_REVEAL_STATES } from '@/domain/order/contact.rules';
import type { OrderEvent } from '@/domain/order/order.state-machine';
import { TEAM_ACTIVE_STATES } from '@/domain/order/order.states';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { actAndShow } from './act';
import { AssignPanel } from './assign-panel';
import { CompletePanel } from './complete-panel';
import { CorrectionPanel } from './correction-panel';
import { OrderFactsCard, ReportCard } from './order-facts';
import { PresencePanel } from './presence-panel';
import { GrabPanel, TakePanel } from './take-panel';
import './index.scss';

/** Team order: take / decline / grab, 指派队员, 签到 / 签退 (resident's code or the leader), 更正签退, 完成服务 with a report. */
export default function TeamOrderPage() {
  const { params } = useRouter();
  const orderId = params.orderId ?? '';
  // One call: the order, the caller and the serving team's members (for 指派 and the leader's 签到 picker).
  const { state, setState, reload } = useCloudLoad(() => callCloud(orderFn, 'teamOrder', { orderId }), [orderId]);

  // weapp: the leader forwards the order to team members, who open it here to check in.
  useShareAppMessage(() => ({
    title: state.status === 'ready' ? `服务订单：${state.data.detail.order.itemName}` : '服务订单',
    path: `/pages/team/order/index?orderId=${encodeURIComponent(orderId)}`,
  }));

  if (state.status !== 'ready') {
    return (
      <AppPage className="torder">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }

  const { detail, myOpenid, members: teamMembers } = state.data;
  const { order, timeline, actions, sessions, grabTeams, caller } = detail;
  const has = (event: OrderEvent) => actions.some((a) => a.event === event);
  // Who the caller is comes with the detail: the leader of the serving team confirms 签到 / 签退 for anyone.
  const isLeader = caller.teamLeader;
  // The leader sees full names (two 冯* in one team are two people); everyone else the masked ones.
  const members = teamMembers.flatMap((m) =>
    m.openid
      ? [
          {
            openid: m.openid,
            label: `${m.fullName ?? m.displayName}${m.isLeader ? '（队长）' : ''}${m.openid === myOpenid ? '（我）' : ''}`,
          },
        ]
      : [],
  );
  const nameOf = new Map(teamMembers.flatMap((m) => (m.openid && m.fullName ? [[m.openid, m.fullName] as const] : [])));
  const assignees = order.assignees.map((a) => ({ ...a, name: nameOf.get(a.openid) ?? a.name }));
  // 拨打电话 from 已接单 until 已完成: the serving team's leader, or a member the leader assigned.
  const canCall =
    CONTACT_REVEAL_STATES.includes(order.state) && (isLeader || order.assignees.some((a) => a.openid === myOpenid && myOpenid !== ''));
  // Every action answers the team order as it is after it (`view: 'teamOrder'`): no reload.
  const act = actAndShow((data) => setState({ status: 'ready', data }), reload);

  return (
    <AppPage className="torder">
      <OrderFactsCard order={order} canCall={canCall} />

      {has('take') || has('decline') ? (
        <TakePanel orderId={orderId} version={order.version} canTake={has('take')} canDecline={has('decline')} act={act} reload={reload} />
      ) : null}

      {has('grab') ? <GrabPanel orderId={orderId} grabTeams={grabTeams} act={act} /> : null}

      {TEAM_ACTIVE_STATES.includes(order.state) ? (
        <AssignPanel
          assignees={assignees}
          members={members}
          onAssign={
            has('assign')
              ? (memberOpenids) =>
                  act(callCloud(orderFn, 'assign', { orderId, memberOpenids, expectedVersion: order.version, view: 'teamOrder' }))
              : undefined
          }
        />
      ) : null}

      {has('check_in') || has('check_out') || sessions.length > 0 ? (
        <PresencePanel
          orderId={orderId}
          sessions={sessions}
          canCheckIn={has('check_in')}
          canCheckOut={has('check_out')}
          isLeader={isLeader}
          members={members}
          myOpenid={myOpenid}
          windowStart={order.preferredWindow.start}
          act={act}
        />
      ) : null}

      {has('correct_check_out') && sessions.length > 0 ? (
        <CorrectionPanel orderId={orderId} version={order.version} sessions={sessions} act={act} />
      ) : null}

      {has('complete') ? (
        <CompletePanel
          orderId={orderId}
          version={order.version}
          openSessions={sessions.filter((s) => s.checkOutAt === null).length}
          act={act}
        />
      ) : null}

      {order.report ? <ReportCard report={order.report} /> : null}

      <OrderTimelineCard timeline={timeline} />
    </AppPage>
  );
}
