import { Text, View } from '@tarojs/components';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { activityFn } from '@/contracts';
import type { PendingHoursRow } from '@/domain/activity/activity.views';
import { HOURS_KIND_LABELS } from '@/domain/hours/hours.rules';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { dateText } from '../shared/format';
import '../shared/activity.scss';

/** 补录审核 (staff): 补录 / 更正 of their area waiting for approval; one never approves what they recorded. */
export default function ApprovalsPage() {
  const { state, setState, reload } = useCloudLoad<{ items: PendingHoursRow[] }>(() => callCloud(activityFn, 'pendingHours'), []);
  if (state.status !== 'ready') {
    return (
      <AppPage className="activity">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const decide = async (key: string, approve: boolean) =>
    setState({ status: 'ready', data: await callCloud(activityFn, 'decideHours', { key, approve }) });
  const { items } = state.data;
  return (
    <AppPage className="activity">
      {items.length === 0 ? <StateView empty emptyText="没有待审核的补录" /> : null}
      {items.map((e) => (
        <View key={e.key} className="card activity__card">
          <Text className="activity__title">
            {e.displayName} · {e.hours} 小时
          </Text>
          <Text className="activity__meta">
            {e.title} · {dateText(e.startAt)} · {HOURS_KIND_LABELS[e.kind]} · {e.recorder}
          </Text>
          <Text className="activity__meta">原因：{e.reason}</Text>
          {e.mine ? (
            <Text className="activity__warn">这条是您补录的，请其他工作人员审核</Text>
          ) : (
            <View className="activity__actions">
              <AsyncButton size="small" successToast="已通过" onClick={() => decide(e.key, true)}>
                通过
              </AsyncButton>
              <AsyncButton size="small" type="warn" confirm="不通过这条补录？" successToast="已退回" onClick={() => decide(e.key, false)}>
                不通过
              </AsyncButton>
            </View>
          )}
        </View>
      ))}
    </AppPage>
  );
}
