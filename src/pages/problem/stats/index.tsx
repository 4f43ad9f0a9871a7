import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder } from '@/components/state-view';
import { problemFn } from '@/contracts';
import type { ProblemStatsRow } from '@/domain/problem/problem.stats';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import './index.scss';

/** The numbers a bar can show: its value 0–max, the text on it, and whether high is good. */
const METRICS = [
  { key: 'onTimeRate', label: '按期处置率', value: (r: ProblemStatsRow) => r.onTimeRate, text: pct, max: 1, good: true },
  { key: 'overdue', label: '超期数', value: (r: ProblemStatsRow) => r.overdue, text: count, good: false },
  { key: 'rework', label: '返工数', value: (r: ProblemStatsRow) => r.rework, text: count, good: false },
  { key: 'relapse', label: '回潮数', value: (r: ProblemStatsRow) => r.relapse, text: count, good: false },
  { key: 'satisfaction', label: '满意率', value: (r: ProblemStatsRow) => r.satisfaction, text: pct, max: 1, good: true },
  { key: 'medianCloseHours', label: '办结用时（中位数）', value: (r: ProblemStatsRow) => r.medianCloseHours, text: hours, good: false },
] as const;
type Metric = (typeof METRICS)[number];

function pct(v: number | null): string {
  return v === null ? '—' : `${Math.round(v * 100)}%`;
}
function count(v: number | null): string {
  return v === null ? '—' : String(v);
}
function hours(v: number | null): string {
  if (v === null) return '—';
  return v >= 48 ? `${Math.round((v / 24) * 10) / 10} 天` : `${v} 小时`;
}

/** One chart: a bar per row, plain views sized by the value (no chart library). */
function Bars({ title, rows, metric }: { title: string; rows: ProblemStatsRow[]; metric: Metric }) {
  const values = rows.map((r) => metric.value(r));
  const max = 'max' in metric ? metric.max : Math.max(1, ...values.map((v) => v ?? 0));
  return (
    <View className="card pstats__chart">
      <Text className="section-title">
        {title} · {metric.label}
      </Text>
      {rows.length === 0 ? <Text className="muted">这段时间没有数据</Text> : null}
      {rows.map((r, i) => {
        const v = values[i] ?? null;
        const width = v === null || v <= 0 ? 0 : Math.max(2, Math.round((v / max) * 100));
        return (
          <View key={r.key} className="pstats__bar-row">
            <Text className="pstats__bar-name">{r.name}</Text>
            <View className="pstats__bar-track">
              <View className={`pstats__bar ${metric.good ? 'pstats__bar--good' : 'pstats__bar--bad'}`} style={{ width: `${width}%` }} />
            </View>
            <Text className="pstats__bar-value">{metric.text(v)}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** 问题统计: per 处置单位 and per 社区, for a period; staff pick the period and the number to chart. */
export default function ProblemStatsPage() {
  const [period, setPeriod] = useState('30d');
  const [metricKey, setMetricKey] = useState<Metric['key']>('onTimeRate');
  const { state, reload } = useCloudLoad(() => callCloud(problemFn, 'stats', { period }), [period]);
  const metric = METRICS.find((m) => m.key === metricKey) ?? METRICS[0];

  if (state.status !== 'ready') {
    return (
      <AppPage className="pstats">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const v = state.data;
  const t = v.totals;
  const tiles = [
    { label: '上报', value: String(t.problems) },
    { label: '已销号', value: String(t.closed) },
    { label: '按期处置率', value: pct(t.onTimeRate) },
    { label: '超期', value: String(t.overdue) },
    { label: '返工', value: String(t.rework) },
    { label: '回潮', value: String(t.relapse) },
    { label: t.rated > 0 ? `满意率 · ${t.rated} 人评` : '满意率', value: pct(t.satisfaction) },
    { label: '办结用时', value: hours(t.medianCloseHours) },
  ];
  return (
    <AppPage className="pstats">
      <View className="card pstats__head">
        <Text className="pstats__title">{v.scopeLabel} · 问题统计</Text>
        <Text className="muted">
          {v.period.fromDay} 至 {v.period.toDay} 上报的问题{v.truncated ? '（问题太多，只统计了最近的部分）' : ''}
        </Text>
        <View className="pstats__chips">
          {v.periods.map((p) => (
            <View
              key={p.key}
              className={`pstats__chip ${p.key === v.period.key ? 'pstats__chip--on' : ''}`}
              onClick={() => setPeriod(p.key)}
            >
              {p.label}
            </View>
          ))}
        </View>
        <View className="pstats__tiles">
          {tiles.map((x) => (
            <View key={x.label} className="pstats__tile">
              <Text className="pstats__tile-value">{x.value}</Text>
              <Text className="pstats__tile-label">{x.label}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className="card pstats__metrics">
        <Text className="muted">选一项看各单位、各社区的对比：</Text>
        <View className="pstats__chips">
          {METRICS.map((m) => (
            <View
              key={m.key}
              className={`pstats__chip ${m.key === metric.key ? 'pstats__chip--on' : ''}`}
              onClick={() => setMetricKey(m.key)}
            >
              {m.label}
            </View>
          ))}
        </View>
      </View>
      <View className="pstats__charts">
        <Bars title="按处置单位" rows={v.byUnit} metric={metric} />
        <Bars title="按社区" rows={v.byCommunity} metric={metric} />
      </View>
    </AppPage>
  );
}
