import { useCallback, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { PagedList } from '@/components/paged-list';
import { Tabs } from '@/components/tabs';
import { problemFn } from '@/contracts';
import { UNIT_TABS, type UnitTab } from '@/domain/problem/problem.states';
import type { ProblemSummary } from '@/domain/problem/problem.views';
import { callCloud } from '@/services/cloud';
import { ProblemCard } from '../shared/problem-card';

const TABS = UNIT_TABS.map((t) => ({ key: t.key, label: t.label }));

/** 处置单位: the problems sent to my unit (待处置 / 已处置); open one to 处置 or 退回. */
export default function UnitProblemsPage() {
  const [tab, setTab] = useState<UnitTab>('active');
  const load = useCallback(
    (cursor: string | undefined) => callCloud(problemFn, 'unitInbox', { tab, ...(cursor ? { cursor } : {}) }),
    [tab],
  );
  return (
    <AppPage className="problems">
      <Tabs tabs={TABS} active={tab} onChange={setTab} />
      <PagedList<ProblemSummary>
        load={load}
        reloadKey={tab}
        refreshOnShow
        keyOf={(p) => p.problemId}
        emptyText={tab === 'active' ? '暂无待处置的问题' : '暂无已处置的问题'}
        renderItem={(p) => <ProblemCard problem={p} />}
      />
    </AppPage>
  );
}
