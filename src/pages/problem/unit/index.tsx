import { AppPage } from '@/components/app-page';
import { problemFn } from '@/contracts';
import { UNIT_TABS, type UnitTab } from '@/domain/problem/problem.states';
import { callCloud } from '@/services/cloud';
import { ProblemTabList } from '../shared/problem-tab-list';

const TABS = UNIT_TABS.map((t) => ({ key: t.key, label: t.label }));

const listOf = (tab: UnitTab, cursor: string | undefined) => callCloud(problemFn, 'unitInbox', { tab, ...(cursor ? { cursor } : {}) });

/** 处置单位: the problems sent to my unit (待处置 / 已处置); open one to 处置 or 退回. */
export default function UnitProblemsPage() {
  return (
    <AppPage className="problems">
      <ProblemTabList
        tabs={TABS}
        initial="active"
        list={listOf}
        emptyText={(tab) => (tab === 'active' ? '暂无待处置的问题' : '暂无已处置的问题')}
      />
    </AppPage>
  );
}
