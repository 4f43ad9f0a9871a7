import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { StateView } from '@/components/state-view';
import { activityFn } from '@/contracts';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { dateText } from '../shared/format';
import { ActivityPagePending } from '../shared/page-pending';
import { HoursExportCard } from './hours-export-card';
import '../shared/activity.scss';

/**
 * 出具证明 (staff): requested certificates of their area, oldest first, with the confirmed hours they
 * would certify; and 导出服务时长 of a period to Excel.
 */
export default function CertificateRequestsPage() {
  const { state, reload } = useCloudLoad(() => callCloud(activityFn, 'certificateRequests'), []);
  if (state.status !== 'ready') return <ActivityPagePending state={state} reload={reload} />;
  const { items } = state.data;
  return (
    <AppPage className="activity">
      <View className="activity__actions">
        <AsyncButton size="small" type="default" onClick={() => Taro.navigateTo({ url: '/pages/activity/approvals/index' })}>
          补录审核
        </AsyncButton>
        <AsyncButton size="small" type="default" onClick={() => Taro.navigateTo({ url: '/pages/activity/verify/index' })}>
          查验证明
        </AsyncButton>
      </View>
      <HoursExportCard />
      {items.length === 0 ? <StateView empty emptyText="没有待出具的证明" /> : null}
      {items.map((r) => (
        <View
          key={r.certificateId}
          className="card activity__card"
          onClick={() => void Taro.navigateTo({ url: `/pages/activity/certificate/index?id=${r.certificateId}` })}
        >
          <Text className="activity__title">{r.volunteerName}</Text>
          <Text className="activity__meta">
            {dateText(r.periodFrom)} 至 {dateText(r.periodTo)} · 已确认 {r.hours} 小时
          </Text>
          <Text className="activity__meta">申请于 {dateText(r.requestedAt)}，点开核对后出具</Text>
        </View>
      ))}
    </AppPage>
  );
}
