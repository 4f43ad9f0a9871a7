import { useCallback, useState } from 'react';
import { type Page, PagedList } from '@/components/paged-list';
import { type TabItem, Tabs } from '@/components/tabs';
import type { ProblemSummary } from '@/domain/problem/problem.views';
import { ProblemCard } from './problem-card';

/** Tabs over a paged list of problem cards: a tab change starts again from its first page; refreshed when shown again. */
export function ProblemTabList<K extends string>({
  tabs,
  initial,
  list,
  emptyText,
}: {
  tabs: readonly TabItem<K>[];
  initial: K;
  /** One page of the tab (keep it stable: a module-level function). */
  list: (tab: K, cursor: string | undefined) => Promise<Page<ProblemSummary>>;
  emptyText: (tab: K) => string;
}) {
  const [tab, setTab] = useState<K>(initial);
  const load = useCallback((cursor: string | undefined) => list(tab, cursor), [list, tab]);
  return (
    <>
      <Tabs tabs={tabs} active={tab} onChange={setTab} />
      <PagedList<ProblemSummary>
        load={load}
        reloadKey={tab}
        refreshOnShow
        keyOf={(p) => p.problemId}
        emptyText={emptyText(tab)}
        renderItem={(p) => <ProblemCard problem={p} />}
      />
    </>
  );
}
