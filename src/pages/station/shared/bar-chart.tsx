import { Text, View } from '@tarojs/components';
import './bar-chart.scss';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** Shown instead of the value, e.g. "3.5 小时". */
  valueText?: string;
  tone?: 'waiting' | 'active' | 'rate' | 'done' | 'stopped' | 'plain';
}

interface BarChartProps {
  bars: Bar[];
  /** Scale: the longest bar's value (defaults to the largest value). */
  max?: number;
  emptyText?: string;
}

/** Horizontal bar chart drawn with Views (no chart library): label, bar, value. */
export function BarChart({ bars, max, emptyText = '暂无数据' }: BarChartProps) {
  const top = max ?? Math.max(0, ...bars.map((b) => b.value));
  if (bars.length === 0) return <Text className="muted">{emptyText}</Text>;
  return (
    <View className="bar-chart">
      {bars.map((bar) => {
        const pct = top > 0 ? Math.max(bar.value > 0 ? 3 : 0, Math.round((bar.value / top) * 100)) : 0;
        return (
          <View key={bar.key} className="bar-chart__row">
            <Text className="bar-chart__label">{bar.label}</Text>
            <View className="bar-chart__track">
              <View className={`bar-chart__bar bar-chart__bar--${bar.tone ?? 'plain'}`} style={{ width: `${pct}%` }} />
            </View>
            <Text className="bar-chart__value">{bar.valueText ?? String(bar.value)}</Text>
          </View>
        );
      })}
    </View>
  );
}
