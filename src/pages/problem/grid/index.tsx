import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { problemFn } from '@/contracts';
import { callCloud } from '@/services/cloud';
import { ProblemTabList } from '../shared/problem-tab-list';

type GridTab = 'fixed' | 'closed';
const TABS: { key: GridTab; label: string }[] = [
  { key: 'fixed', label: '待核查' },
  { key: 'closed', label: '已销号（回头看）' },
];

const listOf = (tab: GridTab, cursor: string | undefined) => callCloud(problemFn, 'gridList', { tab, ...(cursor ? { cursor } : {}) });

/** 网格巡查 for the building head: report what the patrol found, check fixes on site (核查), 回头看. */
export default function GridProblemsPage() {
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
      <ProblemTabList
        tabs={TABS}
        initial="fixed"
        list={listOf}
        emptyText={(tab) => (tab === 'fixed' ? '本楼栋暂无待核查的问题' : '本楼栋暂无已销号的问题')}
      />
    </AppPage>
  );
}
