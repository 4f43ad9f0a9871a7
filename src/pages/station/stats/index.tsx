import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder } from '@/components/state-view';
import { Tabs } from '@/components/tabs';
import { formatDateTime } from '@/components/timeline';
import { statsFn } from '@/contracts';
import type { StatsScope } from '@/domain/service/service-stats.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { BarChart } from '../shared/bar-chart';
import { minutesText, stateBars } from '../shared/format';
import './index.scss';

const TABS: { key: StatsScope; label: string }[] = [
  { key: 'station', label: '按实践站' },
  { key: 'team', label: '按队伍' },
];

function Tile({ label, value }: { label: string; value: string }) {
  return (
    <View className="stats__tile">
      <Text className="stats__tile-value">{value}</Text>
      <Text className="stats__tile-label">{label}</Text>
    </View>
  );
}

/** 服务统计: orders by state, per station or per team, drawn as small bar charts. */
export default function StationStatsPage() {
  const [scope, setScope] = useState<StatsScope>('station');
  const { state, reload } = useCloudLoad(() => callCloud(statsFn, 'overview', { scope }), [scope]);

  const data = state.status === 'ready' ? state.data : null;
  const groupName = (g: { id: string; name: string }) => g.name || g.id;

  return (
    <AppPage className="stats">
      <Tabs tabs={TABS} active={scope} onChange={setScope} />
      {data === null ? (
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      ) : (
        <>
          <View className="card stats__tiles">
            <Tile label="订单总数" value={String(data.totals.total)} />
            <Tile label="服务时长" value={`${data.totals.hoursServed} 小时`} />
            <Tile label="平均评分" value={data.totals.averageRating === null ? '—' : `${data.totals.averageRating} 星`} />
            <Tile label="接单用时中位" value={minutesText(data.totals.medianTakeMinutes)} />
            <Tile label="完成用时中位" value={minutesText(data.totals.medianCompleteMinutes)} />
            <Tile label="已评价" value={`${data.totals.ratedCount} 单`} />
          </View>

          <View className="card">
            <Text className="section-title stats__title">各状态订单数</Text>
            <BarChart bars={stateBars(data.totals.byState)} />
          </View>

          <View className="card">
            <Text className="section-title stats__title">{scope === 'station' ? '各实践站订单数' : '各队伍订单数'}</Text>
            <BarChart bars={data.groups.map((g) => ({ key: g.id, label: groupName(g), value: g.total }))} />
          </View>

          <View className="card">
            <Text className="section-title stats__title">服务时长（小时）</Text>
            <BarChart bars={data.groups.map((g) => ({ key: g.id, label: groupName(g), value: g.hoursServed, tone: 'done' as const }))} />
          </View>

          <View className="card">
            <Text className="section-title stats__title">接单用时中位数</Text>
            <BarChart
              bars={data.groups
                .filter((g) => g.medianTakeMinutes !== null)
                .map((g) => ({
                  key: g.id,
                  label: groupName(g),
                  value: g.medianTakeMinutes ?? 0,
                  valueText: minutesText(g.medianTakeMinutes),
                  tone: 'active' as const,
                }))}
              emptyText="还没有接单的订单"
            />
          </View>

          <Text className="muted stats__foot">
            接单用时 = 队伍接单时间 − 下单时间；完成用时 = 完成服务时间 − 下单时间。统计于 {formatDateTime(data.generatedAt)}
          </Text>
        </>
      )}
    </AppPage>
  );
}
