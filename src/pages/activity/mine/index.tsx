import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { StateView } from '@/components/state-view';
import { activityFn } from '@/contracts';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { signUpText, spanText } from '../shared/format';
import { ActivityPagePending } from '../shared/page-pending';
import '../shared/activity.scss';

/** 我的报名: sign-ups from a week ago on, soonest first; 签到 / 签退 from here. */
export default function MySignUpsPage() {
  const { state, reload } = useCloudLoad(() => callCloud(activityFn, 'mySignUps'), []);
  if (state.status !== 'ready') return <ActivityPagePending state={state} reload={reload} />;
  const { items } = state.data;
  return (
    <AppPage className="activity">
      {items.length === 0 ? <StateView empty emptyText="还没有报名活动，去「志愿活动」看看" /> : null}
      {items.map((s) => (
        <View key={s.sessionId} className="card activity__card">
          <Text
            className="activity__title"
            onClick={() => void Taro.navigateTo({ url: `/pages/activity/detail/index?id=${s.activityId}` })}
          >
            {s.title}
          </Text>
          <Text className="activity__meta">{spanText(s.startAt, s.endAt)}</Text>
          <Text className="activity__meta activity__warn">
            {signUpText(s.status, s.attendance, s.needsReview, s.confirmed)}
            {s.attendance === 'out' ? ` · ${s.hours} 小时` : ''}
          </Text>
          {s.status === 'signed_up' && (s.attendance === 'none' || s.attendance === 'in') ? (
            <View className="activity__actions">
              <AsyncButton size="small" onClick={() => Taro.navigateTo({ url: `/pages/activity/checkin/index?sessionId=${s.sessionId}` })}>
                {s.attendance === 'in' ? '签退' : '签到'}
              </AsyncButton>
            </View>
          ) : null}
        </View>
      ))}
    </AppPage>
  );
}
