import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { activityFn } from '@/contracts';
import { ATTENDANCE_LABELS, PRESENCE_BY_LABELS } from '@/domain/activity/activity.types';
import type { SessionRoster } from '@/domain/activity/activity.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { hhmm, spanText } from '../shared/format';
import { ActivityPagePending } from '../shared/page-pending';
import { BackEntryForm } from './back-entry-form';
import '../shared/activity.scss';

/** 报名名单 (`?sessionId=`): who signed up and came, 标记签到 / 签退 by hand, 全部签退, 确认时长. */
export default function RosterPage() {
  const sessionId = useRouter().params.sessionId ?? '';
  const { state, setState, reload } = useCloudLoad<SessionRoster>(() => callCloud(activityFn, 'roster', { sessionId }), [sessionId]);
  if (!sessionId || state.status !== 'ready') {
    return <ActivityPagePending missing={sessionId ? null : '没有指定场次，请从活动详情进入'} state={state} reload={reload} />;
  }
  const r = state.data;
  const show = (d: SessionRoster) => setState({ status: 'ready', data: d });
  const signedUp = r.rows.filter((x) => x.status === 'signed_up');
  const waiting = r.rows.filter((x) => x.status === 'waitlisted');
  const pending = r.rows.filter((x) => x.status === 'pending');
  const stillIn = signedUp.filter((x) => x.attendance === 'in').length;
  const flagged = signedUp.filter((x) => x.needsReview).length;
  return (
    <AppPage className="activity">
      <View className="card activity__card">
        <Text className="activity__title">{r.title}</Text>
        <Text className="activity__meta">
          {spanText(r.startAt, r.endAt)} · 已报名 {r.signedUp}/{r.quota} · 候补 {waiting.length} 人
        </Text>
        <Text className="activity__meta">
          {r.confirmedAt ? `时长已于 ${hhmm(r.confirmedAt)} 确认，计入志愿者的服务记录` : '签退后请核对时长，再点「确认时长」计入服务记录'}
        </Text>
        {r.confirmOverdue ? <Text className="activity__warn">本场结束已超过 10 个工作日，时长还没有确认，请尽快核对确认</Text> : null}
        {flagged > 0 ? <Text className="activity__warn">{flagged} 人未签退，已按计划结束时间自动签退，请核对后确认</Text> : null}
        <View className="activity__actions">
          <AsyncButton
            size="small"
            type="default"
            onClick={() => Taro.navigateTo({ url: `/pages/activity/code/index?sessionId=${sessionId}` })}
          >
            签到码
          </AsyncButton>
          {stillIn > 0 ? (
            <AsyncButton
              size="small"
              type="warn"
              confirm={{ title: `为 ${stillIn} 位已签到的志愿者签退？`, content: '签退时间为现在' }}
              successToast="已全部签退"
              onClick={async () => show(await callCloud(activityFn, 'signOutAll', { sessionId }))}
            >
              全部签退
            </AsyncButton>
          ) : null}
          <AsyncButton
            size="small"
            // Not before the start: the server says so (the phone's clock is not trusted for it).
            disabled={stillIn > 0}
            confirm={{ title: '确认本场时长？', content: '确认后计入志愿者的服务记录，不能撤回；有误请先核对' }}
            successToast="时长已确认"
            onClick={async () => show(await callCloud(activityFn, 'confirmHours', { sessionId }))}
          >
            确认时长
          </AsyncButton>
        </View>
      </View>
      {pending.length > 0 ? (
        <View className="card">
          <Text className="section-title">待审核（{pending.length}）</Text>
          {pending.map((x) => (
            <View key={x.openid} className="activity__row">
              <Text>{x.displayName}</Text>
              <View className="activity__actions">
                <AsyncButton
                  size="small"
                  successToast="已通过"
                  onClick={async () => show(await callCloud(activityFn, 'decideSignUp', { sessionId, openid: x.openid, approve: true }))}
                >
                  通过
                </AsyncButton>
                <AsyncButton
                  size="small"
                  type="warn"
                  confirm="不通过这条报名？"
                  onClick={async () => show(await callCloud(activityFn, 'decideSignUp', { sessionId, openid: x.openid, approve: false }))}
                >
                  不通过
                </AsyncButton>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <View className="card">
        <Text className="section-title">已报名（{signedUp.length}）</Text>
        {signedUp.length === 0 ? <Text className="muted">还没有人报名</Text> : null}
        {signedUp.map((x) => (
          <View key={x.openid} className="activity__row">
            <View className="activity__row-main">
              <Text>{x.displayName}</Text>
              <Text className="activity__meta">
                {ATTENDANCE_LABELS[x.attendance]}
                {x.checkInAt ? ` · ${hhmm(x.checkInAt)} 签到（${PRESENCE_BY_LABELS[x.checkInBy ?? 'code']}）` : ''}
                {x.checkOutAt ? ` · ${hhmm(x.checkOutAt)} 签退（${PRESENCE_BY_LABELS[x.checkOutBy ?? 'code']}）` : ''}
                {x.attendance === 'out' ? ` · ${x.hours} 小时` : ''}
                {x.confirmed ? ' · 已确认' : ''}
              </Text>
            </View>
            {x.attendance === 'none' && !(Date.now() > r.endAt) ? (
              <AsyncButton
                size="small"
                type="default"
                onClick={async () => show(await callCloud(activityFn, 'mark', { sessionId, openid: x.openid, step: 'in' }))}
              >
                标记签到
              </AsyncButton>
            ) : x.attendance === 'absent' || (x.attendance === 'none' && Date.now() > r.endAt) ? (
              <BackEntryForm sessionId={sessionId} row={x} plannedHours={r.plannedHours} onDone={show} />
            ) : x.attendance === 'in' ? (
              <AsyncButton
                size="small"
                type="default"
                onClick={async () => show(await callCloud(activityFn, 'mark', { sessionId, openid: x.openid, step: 'out' }))}
              >
                标记签退
              </AsyncButton>
            ) : null}
          </View>
        ))}
      </View>
      {waiting.length > 0 ? (
        <View className="card">
          <Text className="section-title">候补（{waiting.length}）</Text>
          {waiting.map((x, i) => (
            <View key={x.openid} className="activity__row">
              <Text>
                {i + 1}. {x.displayName}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </AppPage>
  );
}
