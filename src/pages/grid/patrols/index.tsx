import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder } from '@/components/state-view';
import { gridFn } from '@/contracts';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { dayLabel } from '../shared/format';
import '../shared/grid.scss';

const PERIODS = [
  { key: 'today', label: '今天', days: 1 },
  { key: 'week', label: '近 7 天', days: 7 },
  { key: 'month', label: '近 30 天', days: 30 },
] as const;
type Period = (typeof PERIODS)[number]['key'];

/** 巡查日志 for station / institute staff: who patrolled where over a period, per-building coverage (least walked first). */
export default function PatrolsPage() {
  const [period, setPeriod] = useState<Period>('week');
  const [openid, setOpenid] = useState<string | undefined>(undefined);
  const days = PERIODS.find((p) => p.key === period)?.days ?? 7;
  const { state, reload } = useCloudLoad(() => callCloud(gridFn, 'patrols', { days, ...(openid ? { openid } : {}) }), [period, openid]);

  const filters = (
    <View className="card">
      <View className="grid__chips">
        {PERIODS.map((p) => (
          <Text key={p.key} className={`grid__chip ${p.key === period ? 'grid__chip--on' : ''}`} onClick={() => setPeriod(p.key)}>
            {p.label}
          </Text>
        ))}
      </View>
      {state.status === 'ready' && state.data.workers.length > 0 ? (
        <View className="grid__chips">
          <Text className={`grid__chip ${openid ? '' : 'grid__chip--on'}`} onClick={() => setOpenid(undefined)}>
            全部人员
          </Text>
          {state.data.workers.map((w) => (
            <Text
              key={w.openid}
              className={`grid__chip ${w.openid === openid ? 'grid__chip--on' : ''}`}
              onClick={() => setOpenid(w.openid === openid ? undefined : w.openid)}
            >
              {w.name}（{w.roleLabel} · {w.days} 天）
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );

  if (state.status !== 'ready') {
    return (
      <AppPage className="patrols grid">
        {filters}
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const v = state.data;
  const walkedRate = v.totals.buildings > 0 ? Math.round((v.totals.walked / v.totals.buildings) * 100) : 0;
  return (
    <AppPage className="patrols grid">
      <View className="card grid__head">
        <Text className="grid__title">{v.scopeName}</Text>
        <Text className="muted">
          {dayLabel(v.from)}
          {v.from === v.to ? '' : ` — ${dayLabel(v.to)}`}
        </Text>
        <View className="grid__numbers">
          <View className="grid__number">
            <Text className="grid__number-value">{v.totals.logs}</Text>
            <Text className="grid__number-label">巡查人次</Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value">{v.totals.workers}</Text>
            <Text className="grid__number-label">巡查人数</Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value grid__number-value--red">{walkedRate}%</Text>
            <Text className="grid__number-label">
              楼栋覆盖 {v.totals.walked}/{v.totals.buildings}
            </Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value">
              {v.totals.found}/{v.totals.fixed}
            </Text>
            <Text className="grid__number-label">发现/处理</Text>
          </View>
        </View>
      </View>
      {filters}

      <View className="grid__columns">
        <View className="grid__column">
          <Text className="section-title">巡查记录（{v.logs.length}）</Text>
          <View className="card">
            {v.logs.length === 0 ? (
              <Text className="muted">这段时间没有巡查日志</Text>
            ) : (
              v.logs.map((l) => (
                <View key={`${l.openid}:${l.day}`} className="grid__row">
                  <View className="grid__row-main">
                    <Text className="grid__row-title">
                      {dayLabel(l.day)} · {l.workerName}（{l.roleLabel}）
                    </Text>
                    <Text className="grid__row-sub">{l.buildingNames.join('、')}</Text>
                    {l.note ? <Text className="grid__row-sub">{l.note}</Text> : null}
                  </View>
                  <Text className="grid__tag">
                    发现 {l.problemsFound} · 处理 {l.problemsFixed}
                  </Text>
                </View>
              ))
            )}
          </View>
        </View>
        <View className="grid__column">
          <Text className="section-title">楼栋覆盖（未巡查的在前）</Text>
          <View className="card">
            {v.coverage.map((c) => (
              <View key={c.buildingId} className="grid__row">
                <View className="grid__row-main">
                  <Text className="grid__row-title">
                    {c.estateName} {c.name}
                  </Text>
                  <Text className="grid__row-sub">
                    {c.lastDay
                      ? `最近 ${dayLabel(c.lastDay)} · ${c.lastBy}${c.people > 1 ? ` 等 ${c.people} 人` : ''}`
                      : '这段时间没人巡查'}
                  </Text>
                </View>
                <Text className={`grid__tag ${c.days > 0 ? 'grid__tag--reached' : 'grid__tag--none'}`}>
                  {c.days > 0 ? `${c.days} 天` : '未巡查'}
                </Text>
              </View>
            ))}
          </View>
        </View>
      </View>
    </AppPage>
  );
}
