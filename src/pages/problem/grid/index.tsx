import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { PagedList } from '@/components/paged-list';
import { Tabs } from '@/components/tabs';
import { problemFn } from '@/contracts';
import type { ProblemSummary } from '@/domain/problem/problem.views';
import { callCloud } from '@/services/cloud';
import { ProblemCard } from '../shared/problem-card';

type GridTab = 'fixed' | 'closed';
const TABS: { key: GridTab; label: string }[] = [
  { key: 'fixed', label: '待核查' },
  { key: 'closed', label: '已销号（回头看）' },
];

/** 网格巡查 for the building head: report what the patrol found, check fixes on site (核查), 回头看. */
export default function GridProblemsPage() {
  const [tab, setTab] = useState<GridTab>('fixed');
  const load = useCallback((cursor: string | undefined) => callCloud(problemFn, 'gridList', { tab, ...(cursor ? { cursor } : {}) }), [tab]);
  return (
    <AppPage className="problems">
      <View className="problems__top">
        <AsyncButton type="primary" onClick={() => Taro.navigateTo({ url: '/pages/problem/report/index' })}>
          上报巡查发现的问题
        </AsyncButton>
        <AsyncButton type="default" onClick={() => Taro.navigateTo({ url: '/pages/problem/mine/index' })}>
          我上报的问题
        </AsyncButton>
      </View>
      <Tabs tabs={TABS} active={tab} onChange={setTab} />
      <PagedList<ProblemSummary>
        load={load}
        reloadKey={tab}
        refreshOnShow
        keyOf={(p) => p.problemId}
        emptyText={tab === 'fixed' ? '本楼栋暂无待核查的问题' : '本楼栋暂无已销号的问题'}
        renderItem={(p) => <ProblemCard problem={p} />}
      />
    </AppPage>
  );
}
