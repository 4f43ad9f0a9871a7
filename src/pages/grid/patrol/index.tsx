import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FieldTextarea, FormField } from '@/components/form-field';
import { LoadPlaceholder } from '@/components/state-view';
import { gridFn } from '@/contracts';
import { PATROL_COUNT_MAX, PATROL_NOTE_MAX } from '@/domain/grid/grid.rules';
import type { PatrolTodayView } from '@/domain/grid/grid.views';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { dayLabel, problemDetailUrl } from '../shared/format';
import '../shared/grid.scss';

function Stepper({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  return (
    <View className="grid__stepper">
      <Text className="grid__step" onClick={() => onChange(Math.max(0, value - 1))}>
        −
      </Text>
      <Text className="grid__step-value">{value}</Text>
      <Text className="grid__step" onClick={() => onChange(Math.min(PATROL_COUNT_MAX, value + 1))}>
        ＋
      </Text>
    </View>
  );
}

/** 巡查日志 (building head, station / institute staff): today's log — buildings walked, problems found and fixed, a note. */
export default function PatrolPage() {
  const { state, setState, reload } = useCloudLoad(() => callCloud(gridFn, 'patrolToday', {}), []);
  const [picked, setPicked] = useState<string[]>([]);
  const [found, setFound] = useState(0);
  const [fixed, setFixed] = useState(0);
  const [note, setNote] = useState('');

  const data = state.status === 'ready' ? state.data : null;
  // The form starts from today's saved log, or from what the caller reported today.
  useEffect(() => {
    if (!data) return;
    const log = data.log;
    setPicked(log?.buildingIds ?? (data.buildings.length === 1 ? [data.buildings[0]?.id as string] : []));
    setFound(log?.problemsFound ?? data.reported.found);
    setFixed(log?.problemsFixed ?? data.reported.fixed);
    setNote(log?.note ?? '');
  }, [data]);

  if (!data) {
    return (
      <AppPage className="patrol grid">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }

  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const save = async () => {
    if (picked.length === 0) {
      void Taro.showToast({ title: '请至少选一个巡查的楼栋', icon: 'none' });
      return;
    }
    const view: PatrolTodayView = await callCloud(gridFn, 'savePatrol', {
      buildingIds: picked,
      problemsFound: found,
      problemsFixed: Math.min(fixed, found),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setState({ status: 'ready', data: view });
    void Taro.showToast({ title: data.log ? '已更新今天的日志' : '已记下今天的巡查', icon: 'success' });
  };

  return (
    <AppPage className="patrol grid">
      <View className="card grid__head">
        <Text className="grid__title">今天 {dayLabel(data.day)} 的巡查</Text>
        <Text className="muted">{data.log ? '已记录，今天之内可以修改' : '还没有记录：走完楼栋后记一笔'}</Text>
        <View className="grid__numbers">
          <View className="grid__number">
            <Text className="grid__number-value">{data.log?.buildingIds.length ?? 0}</Text>
            <Text className="grid__number-label">巡查楼栋</Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value grid__number-value--red">{data.reported.found}</Text>
            <Text className="grid__number-label">今天上报问题</Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value">{data.reported.fixed}</Text>
            <Text className="grid__number-label">自查自处</Text>
          </View>
        </View>
      </View>

      <View className="grid__columns">
        <View className="grid__column">
          <View className="card">
            <FormField label="走过的楼栋" required hint={data.buildings.length > 1 ? '点选今天走过的楼栋' : undefined}>
              <View className="grid__chips">
                {data.buildings.map((b) => (
                  <Text key={b.id} className={`grid__chip ${picked.includes(b.id) ? 'grid__chip--on' : ''}`} onClick={() => toggle(b.id)}>
                    {b.estateName} {b.name}
                  </Text>
                ))}
              </View>
            </FormField>
            <FormField label="发现问题" inline hint={`今天已上报 ${data.reported.found} 个`}>
              <Stepper value={found} onChange={setFound} />
            </FormField>
            <FormField label="当场处理" inline hint="小事不出楼栋，已经处理好的">
              <Stepper value={Math.min(fixed, found)} onChange={(n) => setFixed(Math.min(n, found))} />
            </FormField>
            <FormField label="巡查情况" hint={`${note.trim().length}/${PATROL_NOTE_MAX} 字`}>
              <FieldTextarea
                placeholder="例如：3栋楼道有纸箱堆放，已提醒住户清理"
                value={note}
                maxlength={PATROL_NOTE_MAX}
                onChange={setNote}
              />
            </FormField>
          </View>
          <View className="grid__actions">
            <AsyncButton type="primary" onClick={save}>
              {data.log ? '更新今天的巡查日志' : '保存巡查日志'}
            </AsyncButton>
            <AsyncButton type="default" onClick={() => Taro.navigateTo({ url: '/pages/problem/report/index' })}>
              上报巡查发现的问题
            </AsyncButton>
          </View>
        </View>

        <View className="grid__column">
          <Text className="section-title">今天上报的问题</Text>
          <View className="card">
            {data.reported.problems.length === 0 ? (
              <Text className="muted">今天还没有上报问题</Text>
            ) : (
              data.reported.problems.map((p) => (
                <View key={p.problemId} className="grid__row" onClick={() => Taro.navigateTo({ url: problemDetailUrl(p.problemId) })}>
                  <View className="grid__row-main">
                    <Text className="grid__row-title">{p.categoryName}</Text>
                    <Text className="grid__row-sub">
                      {p.placeLabel} · {p.no}
                    </Text>
                  </View>
                  <Text className={`grid__tag ${p.selfFixed ? 'grid__tag--reached' : ''}`}>{p.selfFixed ? '自查自处' : p.stateLabel}</Text>
                </View>
              ))
            )}
          </View>
          <Text className="section-title">最近的巡查</Text>
          <View className="card">
            {data.recent.length === 0 ? (
              <Text className="muted">暂无更早的巡查日志</Text>
            ) : (
              data.recent.map((l) => (
                <View key={l.day} className="grid__row">
                  <View className="grid__row-main">
                    <Text className="grid__row-title">{dayLabel(l.day)}</Text>
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
      </View>
    </AppPage>
  );
}
