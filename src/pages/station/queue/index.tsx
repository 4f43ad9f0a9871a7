import { Picker, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { PagedList } from '@/components/paged-list';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/components/timeline';
import { catalogFn, orderFn, orgFn, statsFn } from '@/contracts';
import { DESK_FILTER_STATES, ORDER_STATE_LABELS, type OrderState, WORK_IN_HAND_STATES } from '@/domain/order/order.states';
import type { OrderSummary } from '@/domain/order/order.views';
import type { OrgTreeNode } from '@/domain/org/org.views';
import type { StatsOverview } from '@/domain/service/service-stats.views';
import { useDeskLayout } from '@/hooks/use-desk-layout';
import { callCloud } from '@/services/cloud';
import { BarChart } from '../shared/bar-chart';
import { stateBars } from '../shared/format';
import { StationOrderPanel } from '../shared/order-panel';
import './index.scss';

interface Option {
  id: string;
  name: string;
}

/** The states staff filter by; '' = everything nobody has taken yet (the server's default). */
const STATUS_OPTIONS: { key: '' | OrderState; label: string }[] = [
  { key: '', label: '全部待办' },
  ...DESK_FILTER_STATES.map((s) => ({
    key: s,
    label: ORDER_STATE_LABELS[s],
  })),
];

function estatesOf(nodes: OrgTreeNode[]): Option[] {
  const out: Option[] = [];
  const walk = (n: OrgTreeNode) => {
    if (n.kind === 'estate') out.push({ id: n._id, name: n.name });
    else if (n.kind !== 'building') for (const c of n.children ?? []) walk(c);
  };
  for (const n of nodes) walk(n);
  return out;
}

function pad2(n: number) {
  return String(n).padStart(2, '0');
}

/** 3月5日 09:00 */
function shortTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** A queue entry; tapped, it opens the order (its own page on a phone, the panel beside the list on a desk). */
function QueueCard({ order, selected, onOpen }: { order: OrderSummary; selected: boolean; onOpen: (order: OrderSummary) => void }) {
  return (
    <View
      className={`queue-card${order.overdue ? ' queue-card--overdue' : ''}${selected ? ' queue-card--selected' : ''}`}
      hoverClass="queue-card--active"
      onClick={() => onOpen(order)}
    >
      <View className="queue-card__head">
        <Text className="queue-card__title">{order.itemName}</Text>
        <View className="queue-card__tags">
          {order.level === 'institute' ? <Text className="status-tag queue-card__escalated">已上报</Text> : null}
          <StatusTag state={order.state} overdue={order.overdue} />
        </View>
      </View>
      <Text className="queue-card__desc">{order.description}</Text>
      <Text className="queue-card__meta">{order.addressText}</Text>
      <Text className="queue-card__meta">
        期望 {shortTime(order.preferredWindow.start)} · {order.categoryName}
      </Text>
      {order.teamName ? <Text className="queue-card__meta">队伍：{order.teamName}</Text> : null}
      <Text className="queue-card__meta">
        {order.proxy ? '代点单 · ' : ''}下单于 {formatDateTime(order.createdAt)}
      </Text>
    </View>
  );
}

/** 派单台 (station / institute staff): the work queue, overdue first, with filters and a small chart of counts. */
export default function StationQueuePage() {
  const [status, setStatus] = useState<'' | OrderState>('');
  const [category, setCategory] = useState<Option | null>(null);
  const [estate, setEstate] = useState<Option | null>(null);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [categories, setCategories] = useState<Option[]>([]);
  const [estates, setEstates] = useState<Option[]>([]);
  const [stats, setStats] = useState<StatsOverview | 'error' | null>(null);
  const desk = useDeskLayout();
  // Desk: the order open beside the list, and a counter that reloads the list after an action there.
  const [openId, setOpenId] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  const openOrder = useCallback(
    (order: OrderSummary) => {
      if (desk) setOpenId(order.orderId);
      else void Taro.navigateTo({ url: `/pages/station/detail/index?orderId=${encodeURIComponent(order.orderId)}` });
    },
    [desk],
  );

  useEffect(() => {
    callCloud(catalogFn, 'listCategories')
      .then((r) => setCategories(r.categories.map((c) => ({ id: c._id, name: c.name }))))
      .catch(() => setCategories([]));
    callCloud(orgFn, 'tree')
      .then((r) => setEstates(estatesOf(r.roots)))
      .catch(() => setEstates([]));
  }, []);

  const loadStats = useCallback(() => {
    callCloud(statsFn, 'overview', { scope: 'station' })
      .then(setStats)
      .catch(() => setStats((s) => (s && s !== 'error' ? s : 'error')));
  }, []);
  useDidShow(loadStats);

  const load = useCallback(
    (cursor: string | undefined) =>
      callCloud(orderFn, 'queue', {
        ...(status ? { status } : {}),
        ...(category ? { categoryId: category.id } : {}),
        ...(estate ? { estateId: estate.id } : {}),
        ...(overdueOnly ? { overdueOnly: true } : {}),
        ...(cursor ? { cursor } : {}),
      }),
    [status, category, estate, overdueOnly],
  );
  const reloadKey = `${status}|${category?.id ?? ''}|${estate?.id ?? ''}|${overdueOnly}|${changes}`;

  const openBars = useMemo(
    () =>
      // The small chart at the top: the work in hand.
      stats && stats !== 'error'
        ? stateBars(stats.totals.byState, true).filter((b) => WORK_IN_HAND_STATES.includes(b.key as OrderState))
        : [],
    [stats],
  );
  const categoryNames = ['全部分类', ...categories.map((c) => c.name)];
  const estateNames = ['全部小区', ...estates.map((e) => e.name)];

  return (
    <AppPage className={`queue${desk ? ' queue--desk' : ''}`}>
      <View className="queue__side">
        <View className="card queue__stats">
          <View className="queue__stats-head">
            <Text className="queue__stats-title">在办工作量</Text>
            <Text className="queue__stats-link" onClick={() => void Taro.navigateTo({ url: '/pages/station/stats/index' })}>
              查看统计 ›
            </Text>
          </View>
          {stats === 'error' ? (
            <Text className="muted" onClick={loadStats}>
              统计暂时无法加载，点此重试
            </Text>
          ) : null}
          {stats === null ? <Text className="muted">统计加载中…</Text> : null}
          {stats && stats !== 'error' ? <BarChart bars={openBars} /> : null}
        </View>

        <View className="card queue__filters">
          <Picker
            mode="selector"
            range={STATUS_OPTIONS.map((o) => o.label)}
            value={Math.max(
              0,
              STATUS_OPTIONS.findIndex((o) => o.key === status),
            )}
            onChange={(e) => setStatus(STATUS_OPTIONS[Number(e.detail.value)]?.key ?? '')}
          >
            <View className="queue__filter">
              <Text className="queue__filter-label">状态</Text>
              <Text className="queue__filter-value">{STATUS_OPTIONS.find((o) => o.key === status)?.label} ▾</Text>
            </View>
          </Picker>
          <Picker
            mode="selector"
            range={categoryNames}
            value={category ? categories.findIndex((c) => c.id === category.id) + 1 : 0}
            onChange={(e) => setCategory(categories[Number(e.detail.value) - 1] ?? null)}
          >
            <View className="queue__filter">
              <Text className="queue__filter-label">分类</Text>
              <Text className="queue__filter-value">{category?.name ?? '全部分类'} ▾</Text>
            </View>
          </Picker>
          <Picker
            mode="selector"
            range={estateNames}
            value={estate ? estates.findIndex((x) => x.id === estate.id) + 1 : 0}
            onChange={(e) => setEstate(estates[Number(e.detail.value) - 1] ?? null)}
          >
            <View className="queue__filter">
              <Text className="queue__filter-label">小区</Text>
              <Text className="queue__filter-value">{estate?.name ?? '全部小区'} ▾</Text>
            </View>
          </Picker>
          <View className="queue__filter">
            <Text className="queue__filter-label">只看超时（催办）</Text>
            <Switch checked={overdueOnly} color="#c8161d" onChange={(e) => setOverdueOnly(e.detail.value)} />
          </View>
        </View>
      </View>

      <View className="queue__list">
        <PagedList<OrderSummary>
          load={load}
          reloadKey={reloadKey}
          refreshOnShow
          keyOf={(o) => o.orderId}
          emptyText="没有符合条件的订单"
          renderItem={(order) => <QueueCard order={order} selected={desk && order.orderId === openId} onOpen={openOrder} />}
        />
      </View>

      {desk ? (
        <View className="queue__detail">
          {openId ? (
            <StationOrderPanel key={openId} orderId={openId} onChanged={() => setChanges((n) => n + 1)} />
          ) : (
            <View className="card queue__detail-empty">
              <Text className="muted">在左侧选择一个订单，详情和派单操作显示在这里。</Text>
            </View>
          )}
        </View>
      ) : null}
    </AppPage>
  );
}
