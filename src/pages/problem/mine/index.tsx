import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { PagedList } from '@/components/paged-list';
import { problemFn } from '@/contracts';
import type { ProblemSummary } from '@/domain/problem/problem.views';
import { callCloud } from '@/services/cloud';
import { ProblemCard } from '../shared/problem-card';

/** 我的随手拍: what I reported and how far each has got. */
export default function MyProblemsPage() {
  const load = useCallback((cursor: string | undefined) => callCloud(problemFn, 'mine', cursor ? { cursor } : {}), []);
  return (
    <AppPage className="problems">
      <View className="problems__top">
        <AsyncButton type="primary" onClick={() => Taro.navigateTo({ url: '/pages/problem/report/index' })}>
          随手拍一个问题
        </AsyncButton>
      </View>
      <PagedList<ProblemSummary>
        load={load}
        refreshOnShow
        keyOf={(p) => p.problemId}
        emptyText="还没有上报过问题。看到楼道堆物、暴露垃圾等，拍张照片告诉社区"
        renderItem={(p) => <ProblemCard problem={p} />}
      />
    </AppPage>
  );
}
