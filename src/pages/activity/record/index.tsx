import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder } from '@/components/state-view';
import { activityFn } from '@/contracts';
import type { MyRecord } from '@/domain/activity/activity.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { dateText } from '../shared/format';
import '../shared/activity.scss';

/** The first moment of this year in China time. */
const yearStart = (now: number) => {
  const y = new Date(now + 8 * 3600_000).getUTCFullYear();
  return Date.UTC(y, 0, 1) - 8 * 3600_000;
};

/** 我的服务记录: totals from the hours ledger, star level and progress, every entry, certificates. */
export default function MyRecordPage() {
  const { state, reload } = useCloudLoad<MyRecord>(() => callCloud(activityFn, 'myRecord'), []);
  if (state.status !== 'ready') {
    return (
      <AppPage className="activity">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const r = state.data;
  const next = r.star.next;
  const done = next ? Math.max(0, Math.min(1, 1 - next.remaining / next.atHours)) : 1;
  return (
    <AppPage className="activity">
      <View className="card">
        <View className="activity__figures">
          <View className="activity__figure">
            <Text className="activity__number">{r.summary.totalHours}</Text>
            <Text className="muted">累计小时</Text>
          </View>
          <View className="activity__figure">
            <Text className="activity__number">{r.summary.thisYearHours}</Text>
            <Text className="muted">今年小时</Text>
          </View>
          <View className="activity__figure">
            <Text className="activity__number">{r.summary.points}</Text>
            <Text className="muted">积分</Text>
          </View>
        </View>
        <Text className="activity__meta">
          志愿活动 {r.summary.bySource.activity} 小时 · 百姓点单 {r.summary.bySource.order} 小时
          {r.summary.pendingHours > 0 ? ` · 待审核 ${r.summary.pendingHours} 小时` : ''}
        </Text>
      </View>
      <View className="card">
        <Text className="section-title">星级：{r.star.label}</Text>
        <View className="activity__progress">
          <View className="activity__progress-bar" style={{ width: `${Math.round(done * 100)}%` }} />
        </View>
        <Text className="activity__meta">
          {next ? `再服务 ${next.remaining} 小时可达${next.label}（${next.atHours} 小时）` : '已达最高星级'}
        </Text>
        <Text className="muted">星级门槛：{r.star.thresholds.join(' / ')} 小时</Text>
      </View>
      <View className="card">
        <Text className="section-title">志愿服务记录证明</Text>
        {r.certificates.map((c) => (
          <View
            key={c.certificateId}
            className="activity__row"
            onClick={() => void Taro.navigateTo({ url: `/pages/activity/certificate/index?id=${c.certificateId}` })}
          >
            <Text>
              {dateText(c.periodFrom)} 至 {dateText(c.periodTo)}
            </Text>
            <Text className="activity__warn">{c.status === 'issued' ? `已出具 ${c.number}` : '等待实践站出具'}</Text>
          </View>
        ))}
        <View className="activity__actions">
          <AsyncButton
            size="small"
            confirm={{ title: '申请今年的志愿服务记录证明？', content: '实践站工作人员出具后，在这里查看证明编号和核验码' }}
            successToast="已提交申请"
            onClick={async () => {
              const now = Date.now();
              await callCloud(activityFn, 'requestCertificate', { from: yearStart(now), to: now });
              await reload(true);
            }}
          >
            申请今年的证明
          </AsyncButton>
        </View>
      </View>
      <View className="card">
        <Text className="section-title">时长记录</Text>
        {r.entries.length === 0 ? <Text className="muted">还没有记录。参加活动并签到签退，组织者确认后会出现在这里。</Text> : null}
        {r.entries.map((e) => (
          <View key={e.key} className="activity__row">
            <View className="activity__row-main">
              <Text>{e.title}</Text>
              <Text className="activity__meta">
                {e.sourceLabel} · {dateText(e.startAt)} · {e.kindLabel} · {e.statusLabel}
              </Text>
            </View>
            <Text className="activity__warn">{e.hours} 小时</Text>
          </View>
        ))}
        <Text className="muted">时长规则：{r.hoursRule}</Text>
        <Text className="muted">积分规则：{r.pointsRule}</Text>
      </View>
    </AppPage>
  );
}
