import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { CloudImage, previewCloudImages } from '@/components/cloud-image';
import { activityFn } from '@/contracts';
import type { ActivityDetail, SessionView } from '@/domain/activity/activity.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { momentText, signUpText, spanText } from '../shared/format';
import { ActivityPagePending } from '../shared/page-pending';
import '../shared/activity.scss';

function SessionRow({ s, detail, onChanged }: { s: SessionView; detail: ActivityDetail; onChanged: (d: ActivityDetail) => void }) {
  const now = Date.now();
  const full = s.signedUp >= s.quota;
  const started = now >= s.startAt;
  // A 候补 may withdraw until the start; a place only until the cancel deadline.
  const canCancel =
    s.mine !== null && s.mine.attendance === 'none' && (s.mine.status === 'signed_up' ? now <= s.mine.cancelDeadline : !started);
  return (
    <View className="activity__row">
      <View className="activity__row-main">
        <Text>
          第 {s.index + 1} 场 · {spanText(s.startAt, s.endAt)}
        </Text>
        <Text className="activity__meta">
          已报名 {s.signedUp}/{s.quota} 人 · 计划 {s.plannedHours} 小时
        </Text>
        {s.mine ? (
          <Text className="activity__meta activity__warn">
            {signUpText(s.mine.status, s.mine.attendance, s.mine.needsReview, s.mine.confirmed)}
            {canCancel && s.mine.status === 'signed_up' ? `，${momentText(s.mine.cancelDeadline)} 前可取消` : ''}
          </Text>
        ) : null}
        {detail.canManage ? (
          <View className="activity__actions">
            <AsyncButton
              size="small"
              type="default"
              onClick={() => Taro.navigateTo({ url: `/pages/activity/roster/index?sessionId=${s.sessionId}` })}
            >
              报名名单
            </AsyncButton>
            <AsyncButton
              size="small"
              type="default"
              onClick={() => Taro.navigateTo({ url: `/pages/activity/code/index?sessionId=${s.sessionId}` })}
            >
              签到码
            </AsyncButton>
          </View>
        ) : null}
      </View>
      {s.mine ? (
        canCancel ? (
          <AsyncButton
            size="small"
            type="warn"
            confirm={{ title: '取消报名？', content: s.mine.status === 'signed_up' ? '名额会让给候补的志愿者' : undefined }}
            successToast="已取消"
            onClick={async () => onChanged(await callCloud(activityFn, 'cancel', { sessionId: s.sessionId }))}
          >
            取消报名
          </AsyncButton>
        ) : s.mine.status === 'signed_up' && (s.mine.attendance === 'none' || s.mine.attendance === 'in') ? (
          <AsyncButton size="small" onClick={() => Taro.navigateTo({ url: `/pages/activity/checkin/index?sessionId=${s.sessionId}` })}>
            {s.mine.attendance === 'in' ? '签退' : '签到'}
          </AsyncButton>
        ) : null
      ) : started || detail.signUpBlocked ? null : (
        <AsyncButton
          size="small"
          successToast={detail.needsApproval ? '已提交，等待审核' : full ? '已加入候补' : '报名成功'}
          onClick={async () => {
            // The day-before reminder needs the volunteer's grant, asked for in this very tap (weapp only).
            if (process.env.TARO_ENV === 'weapp') {
              await Taro.requestSubscribeMessage({ tmplIds: [detail.reminderTemplateId] } as never).catch(() => undefined);
            }
            onChanged(await callCloud(activityFn, 'signUp', { sessionId: s.sessionId }));
          }}
        >
          {detail.needsApproval ? '报名（需审核）' : full ? '报候补' : '报名'}
        </AsyncButton>
      )}
    </View>
  );
}

/** 活动详情 (`?id=<activityId>`): what, where, who to contact, and each 场次 with 报名 / 取消; organisers reach the roster and the code. */
export default function ActivityDetailPage() {
  const activityId = useRouter().params.id ?? '';
  const { state, setState, reload } = useCloudLoad<ActivityDetail>(() => callCloud(activityFn, 'detail', { activityId }), [activityId]);
  if (!activityId || state.status !== 'ready') {
    return <ActivityPagePending missing={activityId ? null : '没有指定活动，请从志愿活动列表进入'} state={state} reload={reload} />;
  }
  const a = state.data;
  const onChanged = (d: ActivityDetail) => setState({ status: 'ready', data: d });
  return (
    <AppPage className="activity">
      <View className="card activity__card">
        {a.coverFileId ? (
          <CloudImage
            className="activity__cover"
            fileID={a.coverFileId}
            onClick={() => void previewCloudImages([a.coverFileId as string], a.coverFileId as string)}
          />
        ) : null}
        <Text className="activity__tag">{a.category}</Text>
        <Text className="activity__title">{a.title}</Text>
        <Text className="activity__meta">地点：{a.address}</Text>
        <Text className="activity__meta">组织单位：{a.organiserName}</Text>
        <Text className="activity__meta">
          联系人：{a.contactName} {a.contactPhone}
        </Text>
        <Text className="activity__meta">报名截止：{momentText(a.signUpClosesAt)}</Text>
        <Text className="activity__meta">
          报名条件：{a.requirementsText.length > 0 ? a.requirementsText.join('；') : '通过审核的志愿者都可以报名'}
        </Text>
        {a.state === 'cancelled' ? <Text className="activity__warn">活动已取消</Text> : null}
      </View>
      <View className="card">
        <Text className="section-title">活动内容</Text>
        <Text>{a.description}</Text>
      </View>
      {a.signUpBlocked && !a.canManage ? (
        <View className="card">
          <Text className="activity__warn">{a.signUpBlocked}</Text>
          {/注册/.test(a.signUpBlocked) ? (
            <View className="activity__actions">
              <AsyncButton size="small" onClick={() => Taro.navigateTo({ url: '/pages/volunteer/register/index' })}>
                去注册
              </AsyncButton>
            </View>
          ) : null}
        </View>
      ) : null}
      <View className="card">
        <Text className="section-title">场次</Text>
        {a.sessions.map((s) => (
          <SessionRow key={s.sessionId} s={s} detail={a} onChanged={onChanged} />
        ))}
        <Text className="muted">
          开始前 {a.cancelBeforeMinutes >= 60 ? `${a.cancelBeforeMinutes / 60} 小时` : `${a.cancelBeforeMinutes} 分钟`}
          内不能取消；名额满了可以报候补，有人取消时按报名先后递补。
        </Text>
      </View>
    </AppPage>
  );
}
