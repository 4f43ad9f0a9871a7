import { Picker, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { PagedList } from '@/components/paged-list';
import { problemFn } from '@/contracts';
import type { LedgerView } from '@/domain/problem/ledger.views';
import { LEDGER_TABS, type LedgerTab, PROBLEM_STATES, type ProblemState } from '@/domain/problem/problem.states';
import type { ProblemSummary } from '@/domain/problem/problem.views';
import { callCloud } from '@/services/cloud';
import { openExport } from '@/services/open-export';
import { ProblemCard } from '../shared/problem-card';
import './index.scss';

type Choices = Pick<LedgerView, 'counts' | 'categories' | 'estates' | 'units' | 'communities' | 'scope'>;
type Option = { key: string; label: string };
const ALL: Option = { key: '', label: '全部' };
const ALL_TAB = { key: '' as const, label: '全部' };

/** One filter as a picker chip: 类别：全部. */
function Choice(props: { label: string; options: Option[]; value: string; onChange: (key: string) => void }) {
  const index = Math.max(
    0,
    props.options.findIndex((o) => o.key === props.value),
  );
  return (
    <Picker
      mode="selector"
      range={props.options.map((o) => o.label)}
      value={index}
      onChange={(e) => props.onChange(props.options[Number(e.detail.value)]?.key ?? '')}
    >
      <View className={`ledger__filter ${props.value ? 'ledger__filter--on' : ''}`}>
        {props.label}：{props.options[index]?.label}
      </View>
    </Picker>
  );
}

/**
 * 问题台账 for station / institute staff and a 处置单位's own: by state (counts of the current
 * filter), category, unit, 社区, 小区, reported-at days and overdue; 导出 Excel of the same filter;
 * open one to 立案 / 派遣 / 核查.
 */
export default function ProblemLedgerPage() {
  const [tab, setTab] = useState<LedgerTab | ''>('reported');
  const [categoryId, setCategoryId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [communityId, setCommunityId] = useState('');
  const [estateId, setEstateId] = useState('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [choices, setChoices] = useState<Choices | null>(null);

  const filter = {
    ...(overdueOnly ? { overdueOnly: true } : tab ? { tab } : {}),
    ...(categoryId ? { categoryId } : {}),
    ...(unitId ? { unitId } : {}),
    ...(communityId ? { communityId } : {}),
    ...(estateId ? { estateId } : {}),
    ...(fromDay ? { fromDay } : {}),
    ...(toDay ? { toDay } : {}),
  };
  const filterKey = JSON.stringify(filter);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the filter is rebuilt each render; its JSON is the dependency
  const load = useCallback(
    async (cursor: string | undefined) => {
      const page = await callCloud(problemFn, 'ledger', { ...filter, ...(cursor ? { cursor } : {}) });
      const counts = page.counts;
      if (counts) setChoices({ ...page, counts });
      return page;
    },
    [filterKey],
  );

  const exportFile = async () => {
    const file = await callCloud(problemFn, 'exportLedger', filter);
    await openExport(file);
    Taro.showToast({
      title: file.truncated ? `只导出了前 ${file.rowCount} 条，请缩小范围` : `已导出 ${file.rowCount} 条`,
      icon: 'none',
      duration: 2500,
    });
  };

  const counts = choices?.counts;
  const total = counts ? PROBLEM_STATES.reduce((n, s) => n + (counts[s] ?? 0), 0) : undefined;
  const tabs = [
    { ...ALL_TAB, badge: total },
    ...LEDGER_TABS.map((t) => ({ key: t.key as LedgerTab, label: t.label, badge: counts?.[t.key as ProblemState] })),
  ];
  const options = <T,>(list: T[] | undefined, key: (x: T) => string, label: (x: T) => string): Option[] => [
    ALL,
    ...(list ?? []).map((x) => ({ key: key(x), label: label(x) })),
  ];
  const categories = options(
    choices?.categories,
    (c) => c.categoryId,
    (c) => c.name,
  );
  const units = options(
    choices?.units,
    (u) => u.unitId,
    (u) => u.name,
  );
  const communities = options(
    choices?.communities,
    (c) => c.communityId,
    (c) => c.name,
  );
  const estates = options(
    choices?.estates,
    (e) => e.estateId,
    (e) => e.name,
  );
  const stateLabel = overdueOnly ? '超期' : (tabs.find((t) => t.key === tab)?.label ?? '');

  return (
    <AppPage className="ledger">
      <View className="ledger__head">
        <View className="ledger__scope">
          <Text className="ledger__scope-name">{choices?.scope.label ?? '问题台账'}</Text>
          <Text className="ledger__scope-hint">筛选后可导出同样范围的 Excel 台账</Text>
        </View>
        <AsyncButton size="small" className="ledger__export" onClick={exportFile}>
          导出 Excel
        </AsyncButton>
      </View>
      <View className="ledger__states">
        {tabs.map((t) => (
          <View
            key={t.key || 'all'}
            className={`ledger__state ${t.key === tab && !overdueOnly ? 'ledger__state--on' : ''}`}
            onClick={() => {
              setTab(t.key);
              setOverdueOnly(false);
            }}
          >
            <Text>{t.label}</Text>
            <Text className="ledger__state-count">{t.badge ?? 0}</Text>
          </View>
        ))}
      </View>
      <View className="ledger__filters">
        <Choice label="类别" options={categories} value={categoryId} onChange={setCategoryId} />
        {units.length > 1 ? <Choice label="处置单位" options={units} value={unitId} onChange={setUnitId} /> : null}
        {communities.length > 1 ? (
          <Choice
            label="社区"
            options={communities}
            value={communityId}
            onChange={(key) => {
              setCommunityId(key);
              setEstateId('');
            }}
          />
        ) : null}
        {estates.length > 1 ? <Choice label="小区" options={estates} value={estateId} onChange={setEstateId} /> : null}
        <Picker mode="date" value={fromDay} end={toDay || undefined} onChange={(e) => setFromDay(e.detail.value)}>
          <View className={`ledger__filter ${fromDay ? 'ledger__filter--on' : ''}`}>上报起：{fromDay || '不限'}</View>
        </Picker>
        <Picker mode="date" value={toDay} start={fromDay || undefined} onChange={(e) => setToDay(e.detail.value)}>
          <View className={`ledger__filter ${toDay ? 'ledger__filter--on' : ''}`}>上报止：{toDay || '不限'}</View>
        </Picker>
        {fromDay || toDay ? (
          <View
            className="ledger__filter ledger__clear"
            onClick={() => {
              setFromDay('');
              setToDay('');
            }}
          >
            清除日期
          </View>
        ) : null}
        <View className="ledger__filter ledger__overdue">
          <Text>只看超期</Text>
          <Switch checked={overdueOnly} color="#c8161d" onChange={(e) => setOverdueOnly(e.detail.value)} />
        </View>
      </View>
      <PagedList<ProblemSummary>
        load={load}
        reloadKey={filterKey}
        refreshOnShow
        keyOf={(p) => p.problemId}
        emptyText={overdueOnly ? '没有超期的问题' : `暂无${stateLabel === '全部' ? '' : stateLabel}问题，可换个筛选条件看看`}
        renderItem={(p) => <ProblemCard problem={p} />}
      />
    </AppPage>
  );
}
