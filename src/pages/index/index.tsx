import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { type Category, CategoryGrid } from '@/components/category-grid';
import { DevIdentityBanner } from '@/components/dev-identity-banner';
import { OrderCard } from '@/components/order-card';
import { roleLabel } from '@/components/roles';
import { StateView } from '@/components/state-view';
import { identityFn } from '@/contracts';
import type { HomeView, ResidentHome } from '@/domain/identity/home.views';
import { lastOpenid, rememberedRole, rememberOpenid } from '@/hooks/use-active-role';
import { callCloud, errorMessage } from '@/services/cloud';
import { currentDevOpenid } from '@/services/dev-identity';
import { BuildingHeadHomeView, LeaderHomeView, Shortcuts, StaffHomeView, VolunteerHomeView } from './role-homes';
import './index.scss';

/** What 首页 shows: a person's home (one `identity.home` call), or the public menu before anyone chose an identity (browser build). */
type HomeState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; view: HomeView }
  | { status: 'anonymous' };

/** 居民 (and anyone with no role yet): notices, the service menu, the orders still open. */
function ResidentHomeView({ home }: { home: ResidentHome }) {
  const onSelect = (category: Category) => {
    void Taro.navigateTo({ url: `/pages/order/items/index?categoryId=${encodeURIComponent(category._id)}` });
  };
  return (
    <>
      <View className="home__hero">
        <Text className="home__hero-title">百姓点单 · 站所派单 · 队伍接单</Text>
        <Text className="home__hero-sub">有需要，找志愿者</Text>
      </View>

      {home.notices !== 'unbound' && home.notices.length > 0 ? (
        <View className="home__notices">
          <View className="home__notices-head">
            <Text className="home__notice-badge">公告</Text>
            <Text className="home__notices-more" onClick={() => void Taro.navigateTo({ url: '/pages/announce/feed' })}>
              全部公告 ›
            </Text>
          </View>
          {home.notices.map((n) => (
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
          onClick={home.notices === 'unbound' ? () => void Taro.navigateTo({ url: '/pages/mine/binding/index' }) : undefined}
        >
          <Text className="home__notice-badge">公告</Text>
          <Text className="home__notice-text">{home.notices === 'unbound' ? '绑定楼栋后可查看本楼栋公告 ›' : '暂无公告'}</Text>
        </View>
      )}

      <Text className="section-title">服务菜单</Text>
      {home.categories.length > 0 ? (
        <CategoryGrid categories={home.categories} onSelect={onSelect} />
      ) : (
        <StateView empty emptyText="暂无服务项目" />
      )}

      <View className="card home__snap" onClick={() => void Taro.navigateTo({ url: '/pages/problem/report/index' })}>
        <View className="home__snap-text">
          <Text className="home__snap-title">随手拍</Text>
          <Text className="muted">看到暴露垃圾、楼道堆物等问题，拍张照片告诉社区</Text>
        </View>
        <Text
          className="home__snap-mine"
          onClick={(e) => {
            e.stopPropagation();
            void Taro.navigateTo({ url: '/pages/problem/mine/index' });
          }}
        >
          我的随手拍 ›
        </Text>
      </View>

      <View className="home__orders-head">
        <Text className="section-title">我的订单</Text>
        <Text className="home__orders-all" onClick={() => void Taro.navigateTo({ url: '/pages/order/list/index' })}>
          全部订单 ›
        </Text>
      </View>
      {home.openOrders.length > 0 ? (
        home.openOrders.map((order) => (
          <OrderCard
            key={order.orderId}
            order={order}
            onClick={() => void Taro.navigateTo({ url: `/pages/order/detail/index?orderId=${encodeURIComponent(order.orderId)}` })}
          />
        ))
      ) : (
        <View className="card home__orders-empty">
          <Text className="muted">暂无进行中的订单，可在上方服务菜单点单</Text>
        </View>
      )}
    </>
  );
}

/** Who is at work: the active role and where to switch it (我的). */
function RoleBar({ view }: { view: HomeView }) {
  if (!view.role || view.role === 'resident') return null;
  const role = view.role;
  const scopes = view.me.roles
    .filter((g) => g.role === role)
    .map((g) => g.scopeName)
    .filter(Boolean)
    .join('、');
  return (
    <View className="rhome__bar">
      <View className="rhome__bar-who">
        <Text className="rhome__bar-role">{roleLabel(role)}</Text>
        {scopes ? <Text className="rhome__bar-scope">{scopes}</Text> : null}
      </View>
      {view.me.roles.length > 1 ? (
        <Text className="rhome__bar-switch" onClick={() => void Taro.switchTab({ url: '/pages/mine/index' })}>
          切换身份 ›
        </Text>
      ) : null}
    </View>
  );
}

/** 首页: the active role's home (chosen in 我的), opened with one call. */
export default function IndexPage() {
  const [state, setState] = useState<HomeState>({ status: 'loading' });
  /** A home is on screen: reload it quietly (no 加载中 flash) when the page shows again. */
  const shown = useRef(false);

  const load = useCallback(async (quiet: boolean) => {
    const anonymous = process.env.TARO_ENV === 'h5' && !currentDevOpenid();
    if (!quiet) setState({ status: 'loading' });
    try {
      if (anonymous) {
        // Nobody chosen yet in the browser build (the gateway answers no one): the way to choose, no call.
        setState({ status: 'anonymous' });
        return;
      }
      const openid = process.env.TARO_ENV === 'h5' ? (currentDevOpenid() ?? null) : lastOpenid();
      const asked = openid ? rememberedRole(openid) : null;
      const view = await callCloud(identityFn, 'home', asked ? { role: asked } : {});
      rememberOpenid(view.me.openid);
      shown.current = true;
      setState({ status: 'ready', view });
    } catch (err) {
      setState({ status: 'error', message: errorMessage(err) });
    }
  }, []);

  // On every show: the role may have been switched in 我的, or the work changed on another screen.
  useDidShow(() => {
    void load(shown.current);
  });

  const refresh = () => void load(true);

  if (state.status === 'anonymous') {
    return (
      <AppPage className="home">
        {process.env.TARO_ENV === 'h5' ? <DevIdentityBanner /> : null}
        <View className="home__hero">
          <Text className="home__hero-title">百姓点单 · 站所派单 · 队伍接单</Text>
          <Text className="home__hero-sub">请先点上方的「以…身份进入」，选一个演示身份</Text>
        </View>
      </AppPage>
    );
  }
  if (state.status !== 'ready') {
    return (
      <AppPage className="home">
        <StateView
          loading={state.status === 'loading'}
          error={state.status === 'error' ? state.message : undefined}
          onRetry={() => void load(false)}
        />
      </AppPage>
    );
  }
  const { view } = state;
  const { home } = view;
  return (
    <AppPage className="home">
      <RoleBar view={view} />
      {home.kind === 'staff' ? <StaffHomeView home={home} /> : null}
      {home.kind === 'leader' ? (
        <LeaderHomeView home={home} onChanged={refresh} onView={(next) => setState({ status: 'ready', view: next })} />
      ) : null}
      {home.kind === 'volunteer' ? <VolunteerHomeView home={home} /> : null}
      {home.kind === 'building_head' ? <BuildingHeadHomeView home={home} /> : null}
      {home.kind === 'resident' ? <ResidentHomeView home={home} /> : null}
      {view.role ? <Shortcuts role={view.role} /> : null}
    </AppPage>
  );
}
