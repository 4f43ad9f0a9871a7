import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { activityFn } from '@/contracts';
import type { CertificateView } from '@/domain/activity/activity.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { openExport } from '@/services/open-export';
import { CertificateBody } from '../shared/certificate-body';
import { dateText } from '../shared/format';
import { ActivityPagePending } from '../shared/page-pending';
import '../shared/activity.scss';

/** 志愿服务记录证明 (`?id=`): its content, number and 核验码 for the volunteer; 出具 for staff while it is requested. */
export default function CertificatePage() {
  const certificateId = useRouter().params.id ?? '';
  const { state, setState, reload } = useCloudLoad<CertificateView>(
    () => callCloud(activityFn, 'certificate', { certificateId }),
    [certificateId],
  );
  if (!certificateId || state.status !== 'ready') {
    return <ActivityPagePending missing={certificateId ? null : '没有指定证明'} state={state} reload={reload} />;
  }
  const c = state.data;
  return (
    <AppPage className="activity">
      {c.status === 'requested' ? (
        <View className="card">
          <Text className="section-title">
            {c.volunteerName} 申请 {dateText(c.periodFrom)} 至 {dateText(c.periodTo)} 的证明
          </Text>
          <Text className="muted">出具时按志愿服务台账中已确认的记录生成内容，未确认、未审核的时长不会写入。</Text>
          <View className="activity__actions">
            <AsyncButton
              confirm={{ title: '出具这份证明？', content: '出具后内容固定，任何人可凭证明编号和核验码查验' }}
              successToast="已出具"
              onClick={async () => setState({ status: 'ready', data: await callCloud(activityFn, 'issueCertificate', { certificateId }) })}
            >
              出具证明
            </AsyncButton>
          </View>
          <Text className="muted">（志愿者本人看到此页时，请等待实践站出具）</Text>
        </View>
      ) : null}
      {c.content ? <CertificateBody content={c.content} /> : null}
      {c.number && c.verifyCode ? (
        <View className="card">
          <Text className="section-title">核验</Text>
          <Text className="activity__meta">证明编号：{c.number}</Text>
          <Text className="activity__meta">核验码：{c.verifyCode}</Text>
          <Text className="muted">任何单位都可以在「志愿服务记录证明查验」输入编号和核验码，查看证明的内容。</Text>
          <View className="activity__actions">
            <AsyncButton
              size="small"
              type="primary"
              onClick={async () => openExport(await callCloud(activityFn, 'certificatePdf', { certificateId }), 'pdf')}
            >
              下载证明（PDF）
            </AsyncButton>
            <AsyncButton
              size="small"
              type="default"
              onClick={() => Taro.navigateTo({ url: `/pages/activity/verify/index?number=${c.number}&code=${c.verifyCode}` })}
            >
              打开查验页
            </AsyncButton>
          </View>
        </View>
      ) : null}
    </AppPage>
  );
}
