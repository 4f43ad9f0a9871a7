import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { OrderCard } from '@/components/order-card';
import { PagedList } from '@/components/paged-list';
import { Tabs } from '@/components/tabs';
import { orderFn } from '@/contracts';
import { RESIDENT_TABS } from '@/domain/order/order.states';
import type { OrderSummary } from '@/domain/order/order.views';
import { callCloud } from '@/services/cloud';

type TabKey = 'all' | (typeof RESIDENT_TABS)[number]['key'];
/** 全部 first: it always has the orders there are, so the page never opens on an empty tab. */
const TABS: { key: TabKey; label: string }[] = [
  { key: 'all', label: '全部' },
  ...RESIDENT_TABS.map((t) => ({ key: t.key, label: t.label })),
];
const isTab = (key: string | undefined): key is TabKey => TABS.some((t) => t.key === key);

/** 我的订单 (全部 / 进行中 / 待评价 / 已完成 / 取消/驳回); with `placed=1`, the orders I placed for others (代点单记录). */
export default function MyOrdersPage() {
  const { params } = useRouter();
  const placed = params.placed === '1';
  const [tab, setTab] = useState<TabKey>(isTab(params.tab) ? params.tab : 'all');

  useEffect(() => {
    if (placed) void Taro.setNavigationBarTitle({ title: '代点单记录' });
  }, [placed]);

  const load = useCallback(
    (cursor: string | undefined) =>
      callCloud(orderFn, 'mine', {
        ...(tab === 'all' ? {} : { tab }),
        ...(placed ? { placed: true } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    [tab, placed],
  );

  const label = TABS.find((t) => t.key === tab)?.label ?? '';
  return (
    <AppPage className="orders">
      <Tabs tabs={TABS} active={tab} onChange={setTab} />
      <PagedList<OrderSummary>
        load={load}
        reloadKey={tab}
        refreshOnShow
        keyOf={(o) => o.orderId}
        emptyText={tab === 'all' ? (placed ? '还没有代点过单' : '还没有订单，可在首页的服务菜单点单') : `没有「${label}」的订单`}
        renderItem={(order) => (
          <OrderCard
            order={order}
            onClick={() => void Taro.navigateTo({ url: `/pages/order/detail/index?orderId=${encodeURIComponent(order.orderId)}` })}
          />
        )}
      />
    </AppPage>
  );
}
