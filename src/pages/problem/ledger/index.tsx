import { Picker, Switch, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { PagedList } from '@/components/paged-list';
import { problemFn } from '@/contracts';
import { LEDGER_TABS, type LedgerTab, type ProblemState } from '@/domain/problem/problem.states';
import type { LedgerPage, ProblemSummary } from '@/domain/problem/problem.views';
import { callCloud } from '@/services/cloud';
import { ProblemCard } from '../shared/problem-card';
import './index.scss';

type Filters = Pick<LedgerPage, 'counts' | 'categories' | 'estates'>;
const ALL = { key: '', label: '全部' };

/** 问题台账 for station / institute staff: by state (with counts), category, 小区 and overdue; open one to 立案 / 派遣 / 核查. */
export default function ProblemLedgerPage() {
  const [tab, setTab] = useState<LedgerTab>('reported');
  const [categoryId, setCategoryId] = useState('');
  const [estateId, setEstateId] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [filters, setFilters] = useState<Filters | null>(null);

  const load = useCallback(
    async (cursor: string | undefined) => {
      const page = await callCloud(problemFn, 'ledger', {
        ...(overdueOnly ? { overdueOnly: true } : { tab }),
        ...(categoryId ? { categoryId } : {}),
        ...(estateId ? { estateId } : {}),
        ...(cursor ? { cursor } : {}),
      });
      setFilters({ counts: page.counts, categories: page.categories, estates: page.estates });
      return page;
    },
    [tab, categoryId, estateId, overdueOnly],
  );

  const tabs = LEDGER_TABS.map((t) => ({ key: t.key as LedgerTab, label: t.label, badge: filters?.counts[t.key as ProblemState] }));
  const categories = [ALL, ...(filters?.categories ?? []).map((c) => ({ key: c.categoryId, label: c.name }))];
  const estates = [ALL, ...(filters?.estates ?? []).map((e) => ({ key: e.estateId, label: e.name }))];
  const pick = (list: { key: string; label: string }[], key: string) =>
    Math.max(
      0,
      list.findIndex((x) => x.key === key),
    );

  return (
    <AppPage className="ledger">
      <View className="ledger__states">
        {tabs.map((t) => (
          <View
            key={t.key}
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
        <Picker
          mode="selector"
          range={categories.map((c) => c.label)}
          value={pick(categories, categoryId)}
          onChange={(e) => setCategoryId(categories[Number(e.detail.value)]?.key ?? '')}
        >
          <View className="ledger__filter">类别：{categories[pick(categories, categoryId)]?.label}</View>
        </Picker>
        {estates.length > 1 ? (
          <Picker
            mode="selector"
            range={estates.map((c) => c.label)}
            value={pick(estates, estateId)}
            onChange={(e) => setEstateId(estates[Number(e.detail.value)]?.key ?? '')}
          >
            <View className="ledger__filter">小区：{estates[pick(estates, estateId)]?.label}</View>
          </Picker>
        ) : null}
        <View className="ledger__filter ledger__overdue">
          <Text>只看超期</Text>
          <Switch checked={overdueOnly} color="#c8161d" onChange={(e) => setOverdueOnly(e.detail.value)} />
        </View>
      </View>
      <PagedList<ProblemSummary>
        load={load}
        reloadKey={`${tab}|${categoryId}|${estateId}|${overdueOnly}`}
        refreshOnShow
        keyOf={(p) => p.problemId}
        emptyText={overdueOnly ? '没有超期的问题' : `暂无${LEDGER_TABS.find((t) => t.key === tab)?.label ?? ''}的问题`}
        renderItem={(p) => <ProblemCard problem={p} />}
      />
    </AppPage>
  );
}
