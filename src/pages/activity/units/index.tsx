import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { Tabs } from '@/components/tabs';
import { activityFn } from '@/contracts';
import type { UnitStatsView } from '@/domain/activity/unit-stats.rules';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import '../shared/activity.scss';

type Period = 'month' | 'year';

/** The start of this month / this year in China time, and now. */
function periodOf(p: Period, now = Date.now()): { from: number; to: number } {
  const china = new Date(now + 8 * 3600_000);
  const from = Date.UTC(china.getUTCFullYear(), p === 'month' ? china.getUTCMonth() : 0, 1) - 8 * 3600_000;
  return { from, to: now + 60_000 };
}

/** 双报到·单位统计 (staff): hours and attendance of the area's volunteers per 工作单位, this month or this year. */
export default function UnitStatsPage() {
  const [period, setPeriod] = useState<Period>('month');
  const { state, reload } = useCloudLoad<UnitStatsView>(() => callCloud(activityFn, 'unitStats', periodOf(period)), [period]);
  return (
    <AppPage className="activity">
      <Tabs<Period>
        tabs={[
          { key: 'month', label: '本月' },
          { key: 'year', label: '本年' },
        ]}
        active={period}
        onChange={setPeriod}
      />
      {state.status !== 'ready' ? (
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      ) : (
        <>
          <Text className="muted">
            按志愿者注册时填写的工作单位统计；时长只计已确认、已审核的记录（按记录时间）。未填单位的志愿者 {state.data.withoutUnit} 人。
          </Text>
          {state.data.rows.length === 0 ? (
            <StateView empty emptyText="还没有志愿者填写工作单位。在职党员可在「志愿者注册」里填写单位并勾选到本社区报到" />
          ) : null}
          {state.data.rows.map((r) => (
            <View key={r.unit} className="card activity__card">
              <Text className="activity__title">{r.unit}</Text>
              <Text className="activity__meta">
                志愿者 {r.volunteers} 人{r.partyReportedIn > 0 ? `，其中在职党员报到 ${r.partyReportedIn} 人` : ''}
              </Text>
              <Text className="activity__meta">
                服务时长 {r.hours} 小时（志愿活动 {r.activityHours} · 百姓点单 {r.orderHours}）
              </Text>
              <Text className={r.absent > 0 ? 'activity__meta activity__warn' : 'activity__meta'}>
                参加活动 {r.attended} 场次{r.absent > 0 ? `，缺席 ${r.absent} 场次` : ''}
              </Text>
            </View>
          ))}
        </>
      )}
    </AppPage>
  );
}
