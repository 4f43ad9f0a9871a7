import { Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder } from '@/components/state-view';
import { Tabs } from '@/components/tabs';
import { formatDateTime } from '@/components/timeline';
import { statsFn } from '@/contracts';
import type { StatsScope } from '@/domain/service/service-stats.views';
import { STATS_PERIODS, type StatsPeriodKey } from '@/domain/service/stats-period';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { openExport } from '@/services/open-export';
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

/** 服务统计: orders by state, per station or per team, over 本周 / 本月 / 上月 / 自定义, drawn as small bar charts. */
export default function StationStatsPage() {
  const [scope, setScope] = useState<StatsScope>('station');
  const [period, setPeriod] = useState<StatsPeriodKey>('month');
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  // A custom period is asked for once both days are picked; until then the screen says what to pick.
  const waiting = period === 'custom' && (!fromDate || !toDate);
  const input = { scope, period, ...(period === 'custom' ? { fromDate, toDate } : {}) };
  const { state, reload } = useCloudLoad(
    () => (waiting ? Promise.resolve(null) : callCloud(statsFn, 'overview', input)),
    [scope, period, fromDate, toDate],
  );

  const data = state.status === 'ready' ? state.data : null;
  const groupName = (g: { id: string; name: string }) => g.name || g.id;
  const exportExcel = async () => {
    const file = await callCloud(statsFn, 'exportOverview', input);
    await openExport(file);
  };

  return (
    <AppPage className="stats">
      <Tabs tabs={TABS} active={scope} onChange={setScope} />
      <View className="card stats__period">
        <View className="stats__periods">
          {STATS_PERIODS.map((p) => (
            <Text
              key={p.key}
              className={`stats__period-chip${p.key === period ? ' stats__period-chip--on' : ''}`}
              onClick={() => setPeriod(p.key)}
            >
              {p.label}
            </Text>
          ))}
        </View>
        {period === 'custom' ? (
          <View className="stats__dates">
            <Picker mode="date" value={fromDate} end={toDate || undefined} onChange={(e) => setFromDate(e.detail.value)}>
              <Text className="stats__date">{fromDate || '开始日期'}</Text>
            </Picker>
            <Text className="stats__dates-to">至</Text>
            <Picker mode="date" value={toDate} start={fromDate || undefined} onChange={(e) => setToDate(e.detail.value)}>
              <Text className="stats__date">{toDate || '结束日期'}</Text>
            </Picker>
          </View>
        ) : null}
        <View className="stats__period-foot">
          <Text className="muted stats__period-label">
            {data?.period ? `${data.period.label}，按下单时间统计` : waiting ? '请选择开始和结束日期' : ''}
          </Text>
          {data ? (
            <AsyncButton type="default" size="small" className="stats__export" onClick={exportExcel}>
              导出 Excel
            </AsyncButton>
          ) : null}
        </View>
      </View>
      {waiting ? null : data === null ? (
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      ) : (
        <>
          <View className="card stats__tiles">
            <Tile label="订单总数" value={String(data.totals.total)} />
            <Tile label="服务时长" value={`${data.totals.hoursServed} 小时`} />
            <Tile label="平均评分" value={data.totals.averageRating === null ? '—' : `${data.totals.averageRating} 星`} />
            <Tile
              label="接单用时"
              value={data.totals.medianTakeMinutes === null ? '—' : `中位 ${minutesText(data.totals.medianTakeMinutes)}`}
            />
            <Tile
              label="完成用时"
              value={data.totals.medianCompleteMinutes === null ? '—' : `中位 ${minutesText(data.totals.medianCompleteMinutes)}`}
            />
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
            <Text className="section-title stats__title">接单用时（中位数）</Text>
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
              emptyText="这段时间还没有接单的订单"
            />
          </View>

          <Text className="muted stats__foot">
            接单用时 = 队伍接单时间 − 下单时间；完成用时 = 完成服务时间 − 下单时间；中位数：一半订单比它快。统计于{' '}
            {formatDateTime(data.generatedAt)}
          </Text>
        </>
      )}
    </AppPage>
  );
}
