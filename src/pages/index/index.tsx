import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { type Category, CategoryGrid } from '@/components/category-grid';
import { DevIdentityBanner } from '@/components/dev-identity-banner';
import { OrderCard } from '@/components/order-card';
import { type LoadState, StateView } from '@/components/state-view';
import { announceFn, catalogFn, orderFn } from '@/contracts';
import type { FeedItem } from '@/domain/announce/announce.views';
import { OPEN_STATES } from '@/domain/order/order.states';
import type { OrderSummary } from '@/domain/order/order.views';
import { ErrorCode } from '@/domain/shared/domain-error';
import { CloudCallError, callCloud, errorMessage } from '@/services/cloud';
import { currentDevOpenid } from '@/services/dev-identity';
import './index.scss';

const SHORTCUT_ORDERS = 3;
const NOTICE_ITEMS = 3;

/** The 公告 strip: latest announcements for confirmed residents; a hint or 暂无公告 for everyone else. */
type Notices = { status: 'loading' } | { status: 'items'; items: FeedItem[] } | { status: 'unbound' } | { status: 'none' };

export default function IndexPage() {
  const [state, setState] = useState<LoadState<Category[]>>({ status: 'loading' });
  const [needsIdentity, setNeedsIdentity] = useState(false);
  const [active, setActive] = useState<OrderSummary[] | null>(null);
  const [notices, setNotices] = useState<Notices>({ status: 'loading' });

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const result = await callCloud(catalogFn, 'listCategories');
      setState({ status: 'ready', data: result.categories ?? [] });
    } catch (err) {
      setState({ status: 'error', message: errorMessage(err) });
    }
  }, []);

  const loadActive = useCallback(async () => {
    try {
      const page = await callCloud(orderFn, 'mine', { pageSize: 10 });
      setActive(page.items.filter((o) => OPEN_STATES.includes(o.state)).slice(0, SHORTCUT_ORDERS));
    } catch {
      // Not registered or not bound yet: the shortcut simply shows no orders.
      setActive([]);
    }
  }, []);

  const loadNotices = useCallback(async () => {
    try {
      const page = await callCloud(announceFn, 'feed');
      setNotices({ status: 'items', items: page.items.slice(0, NOTICE_ITEMS) });
    } catch (err) {
      // Not bound (or not confirmed yet): say how to get them; any other failure: the quiet default.
      setNotices(err instanceof CloudCallError && err.code === ErrorCode.BindingRequired ? { status: 'unbound' } : { status: 'none' });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useDidShow(() => {
    const anonymous = process.env.TARO_ENV === 'h5' && !currentDevOpenid();
    if (process.env.TARO_ENV === 'h5') setNeedsIdentity(anonymous);
    if (!anonymous) {
      void loadActive();
      void loadNotices();
    } else setNotices({ status: 'none' });
  });

  const onSelect = (category: Category) => {
    void Taro.navigateTo({ url: `/pages/order/items/index?categoryId=${encodeURIComponent(category._id)}` });
  };

  return (
    <AppPage className="home">
      {process.env.TARO_ENV === 'h5' && needsIdentity ? <DevIdentityBanner /> : null}
      <View className="home__hero">
        <Text className="home__hero-title">百姓点单 · 站所派单 · 队伍接单</Text>
        <Text className="home__hero-sub">有需要，找志愿者</Text>
      </View>

      {notices.status === 'items' && notices.items.length > 0 ? (
        <View className="home__notices">
          <View className="home__notices-head">
            <Text className="home__notice-badge">公告</Text>
            <Text className="home__notices-more" onClick={() => void Taro.navigateTo({ url: '/pages/announce/feed' })}>
              全部公告 ›
            </Text>
          </View>
          {notices.items.map((n) => (
            <View
              key={n.id}
              className="home__notice-item"
              hoverClass="home__notice-item--active"
              onClick={() => void Taro.navigateTo({ url: `/pages/announce/detail?id=${encodeURIComponent(n.id)}` })}
            >
              <Text className="home__notice-category">{n.category}</Text>
              <Text className="home__notice-title">{n.title}</Text>
              {n.read ? null : <View className="home__notice-dot" />}
            </View>
          ))}
        </View>
      ) : (
        <View
          className="home__notice"
          onClick={notices.status === 'unbound' ? () => void Taro.navigateTo({ url: '/pages/mine/binding/index' }) : undefined}
        >
          <Text className="home__notice-badge">公告</Text>
          <Text className="home__notice-text">
            {notices.status === 'loading' ? '加载中…' : notices.status === 'unbound' ? '绑定楼栋后可查看本楼栋公告 ›' : '暂无公告'}
          </Text>
        </View>
      )}

      <Text className="section-title">服务菜单</Text>
      {state.status === 'ready' && state.data.length > 0 ? (
        <CategoryGrid categories={state.data} onSelect={onSelect} />
      ) : (
        <StateView
          loading={state.status === 'loading'}
          error={state.status === 'error' ? state.message : undefined}
          empty={state.status === 'ready'}
          emptyText="暂无服务项目"
          onRetry={() => void load()}
        />
      )}

      <View className="home__orders-head">
        <Text className="section-title">我的订单</Text>
        <Text className="home__orders-all" onClick={() => void Taro.navigateTo({ url: '/pages/order/list/index' })}>
          全部订单 ›
        </Text>
      </View>
      {active && active.length > 0 ? (
        active.map((order) => (
          <OrderCard
            key={order.orderId}
            order={order}
            onClick={() => void Taro.navigateTo({ url: `/pages/order/detail/index?orderId=${encodeURIComponent(order.orderId)}` })}
          />
        ))
      ) : (
        <View className="card home__orders-empty">
          <Text className="muted">{active === null ? '加载中…' : '暂无进行中的订单，可在上方服务菜单点单'}</Text>
        </View>
      )}
    </AppPage>
  );
}
