import { Input, Picker, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { PagedList } from '@/components/paged-list';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/components/timeline';
import { orderFn } from '@/contracts';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '@/domain/order/order.rules';
import { AWAITING_TAKE_STATES, DESK_FILTER_STATES, ORDER_STATE_LABELS, type OrderState } from '@/domain/order/order.states';
import type { OrderSummary, QueueBoard, QueuePage } from '@/domain/order/order.views';
import { deadlineCountdown, parseQueueSearch } from '@/domain/order/queue-search';
import { chinaDayStart } from '@/domain/service/stats-period';
import { useDeskLayout } from '@/hooks/use-desk-layout';
import { callCloud } from '@/services/cloud';
import { openExport } from '@/services/open-export';
import { type DeskQueue, StationOrderPanel } from '../shared/order-panel';
import './index.scss';

/** The states staff filter by; '' = everything nobody has taken yet (the server's default). */
const STATUS_OPTIONS: { key: '' | OrderState; label: string }[] = [
  { key: '', label: '全部待办' },
  ...DESK_FILTER_STATES.map((s) => ({ key: s, label: ORDER_STATE_LABELS[s] })),
];

const SEARCHED_AS: Record<NonNullable<QueuePage['searchedAs']>, string> = {
  phone: '手机号',
  phoneTail: '手机尾号',
  name: '居民姓名',
  orderId: '订单号',
};

const DAY_MS = 24 * 3600 * 1000;

interface Filters {
  status: '' | OrderState;
  categoryId: string;
  estateId: string;
  overdueOnly: boolean;
  q: string;
  fromDate: string;
  toDate: string;
}

const NO_FILTERS: Filters = { status: '', categoryId: '', estateId: '', overdueOnly: false, q: '', fromDate: '', toDate: '' };

/** What the queue and its export are asked for, from what the screen shows. */
function queryOf(f: Filters) {
  const from = f.fromDate ? chinaDayStart(f.fromDate) : null;
  const last = f.toDate ? chinaDayStart(f.toDate) : null;
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.categoryId ? { categoryId: f.categoryId } : {}),
    ...(f.estateId ? { estateId: f.estateId } : {}),
    ...(f.overdueOnly ? { overdueOnly: true } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(from !== null ? { from } : {}),
    ...(last !== null ? { to: last + DAY_MS } : {}),
  };
}

/** How many filters beyond the search are set (shown on the 筛选 button). */
const filterCount = (f: Filters) => [f.status, f.categoryId, f.estateId, f.overdueOnly, f.fromDate || f.toDate].filter(Boolean).length;

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
  const countdown = deadlineCountdown(order, Date.now());
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
      {countdown ? (
        <Text className={`queue-card__deadline${countdown.overdue ? ' queue-card__deadline--late' : ''}`}>{countdown.text}</Text>
      ) : null}
      <Text className="queue-card__desc">{order.description}</Text>
      <Text className="queue-card__meta">{order.addressText}</Text>
      <Text className="queue-card__meta">
        期望 {shortTime(order.preferredWindow.start)} · {order.categoryName}
        {order.teamName ? ` · ${order.teamName}` : ''}
      </Text>
      <Text className="queue-card__meta">
        {order.proxy ? '代点单 · ' : ''}下单于 {formatDateTime(order.createdAt)}
      </Text>
    </View>
  );
}

/** Work counts that are also the quickest filters: tap 待受理 to see just those. */
function CountChips({ board, filters, onPick }: { board: QueueBoard | null; filters: Filters; onPick: (patch: Partial<Filters>) => void }) {
  if (!board) return null;
  return (
    <View className="queue__chips">
      {AWAITING_TAKE_STATES.map((s) => (
        <Text
          key={s}
          className={`queue__chip${filters.status === s && !filters.overdueOnly ? ' queue__chip--on' : ''}`}
          onClick={() => onPick({ status: filters.status === s ? '' : s, overdueOnly: false })}
        >
          {ORDER_STATE_LABELS[s]} {board.counts[s] ?? 0}
        </Text>
      ))}
      <Text
        className={`queue__chip queue__chip--late${filters.overdueOnly ? ' queue__chip--on' : ''}`}
        onClick={() => onPick({ overdueOnly: !filters.overdueOnly, status: '' })}
      >
        超时 {board.overdue}
      </Text>
    </View>
  );
}

/** 派单台 (station / institute staff): the queue first, overdue first; search, filters and 导出 Excel above it. */
export default function StationQueuePage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [typed, setTyped] = useState('');
  const [searchError, setSearchError] = useState('');
  const [searchedAs, setSearchedAs] = useState<QueuePage['searchedAs']>();
  const [showFilters, setShowFilters] = useState(false);
  const [board, setBoard] = useState<QueueBoard | null>(null);
  const desk = useDeskLayout();
  // Desk: the order open beside the list. An action there answers the list's first page as filtered
  // (`answered`, shown in place); a refused one bumps `changes`, which reads the list again.
  const [openId, setOpenId] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  const [answered, setAnswered] = useState<QueuePage | null>(null);
  // Rows on screen (first page and 加载更多), so the answered page keeps as many (up to the page size cap).
  const rows = useRef(0);
  const openOrder = useCallback(
    (order: OrderSummary) => {
      if (desk) setOpenId(order.orderId);
      else void Taro.navigateTo({ url: `/pages/station/detail/index?orderId=${encodeURIComponent(order.orderId)}` });
    },
    [desk],
  );
  const patch = (p: Partial<Filters>) => setFilters((f) => ({ ...f, ...p }));

  // The screen opens with this one call: the first page brings the board (choices and counts) with it.
  const load = useCallback(
    async (cursor: string | undefined) => {
      const page = await callCloud(orderFn, 'queue', { ...queryOf(filters), ...(cursor ? { cursor } : { board: true }) });
      if (page.board) setBoard(page.board);
      if (!cursor) setSearchedAs(page.searchedAs);
      rows.current = (cursor ? rows.current : 0) + page.items.length;
      return page;
    },
    [filters],
  );
  const reloadKey = `${JSON.stringify(filters)}|${changes}`;

  // What an action in the panel answers the queue as: these filters, as many rows as are on screen then.
  const deskQueue = useCallback(
    (): DeskQueue => ({ ...queryOf(filters), pageSize: Math.min(PAGE_SIZE_MAX, Math.max(PAGE_SIZE_DEFAULT, rows.current)) }),
    [filters],
  );
  const panelChanged = useCallback((page?: QueuePage) => {
    if (!page) {
      setChanges((n) => n + 1);
      return;
    }
    if (page.board) setBoard(page.board);
    setSearchedAs(page.searchedAs);
    rows.current = page.items.length;
    setAnswered(page);
  }, []);

  const search = () => {
    const text = typed.trim();
    if (text) {
      const parsed = parseQueueSearch(text);
      if ('problem' in parsed) {
        setSearchError(parsed.problem);
        return;
      }
    }
    setSearchError('');
    patch({ q: text });
  };
  const clearSearch = () => {
    setTyped('');
    setSearchError('');
    patch({ q: '' });
  };

  const exportExcel = async () => {
    const file = await callCloud(orderFn, 'exportQueue', queryOf(filters));
    if (file.rowCount === 0) {
      await Taro.showToast({ title: '没有符合条件的订单，导出的表格只有表头', icon: 'none' });
    } else if (file.truncated) {
      await Taro.showToast({ title: `订单太多，只导出了前 ${file.rowCount} 条，请缩小日期范围`, icon: 'none' });
    }
    await openExport(file);
  };

  const categories = board?.categories ?? [];
  const estates = board?.estates ?? [];
  const categoryNames = ['全部分类', ...categories.map((c) => c.name)];
  const estateNames = ['全部小区', ...estates.map((e) => e.name)];
  const count = filterCount(filters);
  const filtersOpen = desk || showFilters;

  return (
    <AppPage className={`queue${desk ? ' queue--desk' : ''}`}>
      <View className="queue__bar">
        <View className="queue__search">
          <Input
            className="queue__search-input"
            placeholderClass="queue__search-placeholder"
            value={typed}
            placeholder="手机号、尾号、姓名或订单号"
            confirmType="search"
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={search}
          />
          {typed ? (
            <Text className="queue__search-clear" onClick={clearSearch}>
              ×
            </Text>
          ) : null}
          <Text className="queue__search-go" onClick={search}>
            搜索
          </Text>
        </View>
        {desk ? null : (
          <Text className={`queue__toggle${count ? ' queue__toggle--on' : ''}`} onClick={() => setShowFilters((v) => !v)}>
            筛选{count ? ` ${count}` : ''} {showFilters ? '▴' : '▾'}
          </Text>
        )}
      </View>
      {searchError ? <Text className="queue__search-error">{searchError}</Text> : null}

      {filtersOpen ? (
        <View className="queue__filters">
          <Picker
            mode="selector"
            range={STATUS_OPTIONS.map((o) => o.label)}
            value={Math.max(
              0,
              STATUS_OPTIONS.findIndex((o) => o.key === filters.status),
            )}
            onChange={(e) => patch({ status: STATUS_OPTIONS[Number(e.detail.value)]?.key ?? '' })}
          >
            <View className="queue__filter">
              <Text className="queue__filter-label">状态</Text>
              <Text className="queue__filter-value">{STATUS_OPTIONS.find((o) => o.key === filters.status)?.label} ▾</Text>
            </View>
          </Picker>
          <Picker
            mode="selector"
            range={categoryNames}
            value={Math.max(0, categories.findIndex((c) => c.id === filters.categoryId) + 1)}
            onChange={(e) => patch({ categoryId: categories[Number(e.detail.value) - 1]?.id ?? '' })}
          >
            <View className="queue__filter">
              <Text className="queue__filter-label">分类</Text>
              <Text className="queue__filter-value">{categories.find((c) => c.id === filters.categoryId)?.name ?? '全部分类'} ▾</Text>
            </View>
          </Picker>
          <Picker
            mode="selector"
            range={estateNames}
            value={Math.max(0, estates.findIndex((x) => x.id === filters.estateId) + 1)}
            onChange={(e) => patch({ estateId: estates[Number(e.detail.value) - 1]?.id ?? '' })}
          >
            <View className="queue__filter">
              <Text className="queue__filter-label">小区</Text>
              <Text className="queue__filter-value">{estates.find((x) => x.id === filters.estateId)?.name ?? '全部小区'} ▾</Text>
            </View>
          </Picker>
          <View className="queue__filter queue__filter--dates">
            <Text className="queue__filter-label">下单日期</Text>
            <Picker
              mode="date"
              value={filters.fromDate}
              end={filters.toDate || undefined}
              onChange={(e) => patch({ fromDate: e.detail.value })}
            >
              <Text className="queue__filter-value queue__date">{filters.fromDate || '开始'}</Text>
            </Picker>
            <Text className="queue__filter-label">至</Text>
            <Picker
              mode="date"
              value={filters.toDate}
              start={filters.fromDate || undefined}
              onChange={(e) => patch({ toDate: e.detail.value })}
            >
              <Text className="queue__filter-value queue__date">{filters.toDate || '结束'}</Text>
            </Picker>
            {filters.fromDate || filters.toDate ? (
              <Text className="queue__filter-clear" onClick={() => patch({ fromDate: '', toDate: '' })}>
                清除
              </Text>
            ) : null}
          </View>
          <View className="queue__filter">
            <Text className="queue__filter-label">只看超时</Text>
            <Switch checked={filters.overdueOnly} color="#c8161d" onChange={(e) => patch({ overdueOnly: e.detail.value })} />
          </View>
          <View className="queue__filter-actions">
            {count ? (
              <Text className="queue__filter-clear" onClick={() => setFilters({ ...NO_FILTERS, q: filters.q })}>
                清空筛选
              </Text>
            ) : null}
            <AsyncButton type="default" size="small" className="queue__export" onClick={exportExcel}>
              导出 Excel
            </AsyncButton>
            <Text className="queue__stats-link" onClick={() => void Taro.navigateTo({ url: '/pages/station/stats/index' })}>
              服务统计 ›
            </Text>
          </View>
        </View>
      ) : null}

      <CountChips board={board} filters={filters} onPick={patch} />
      {filters.q && searchedAs ? (
        <Text className="queue__searched">
          按{SEARCHED_AS[searchedAs]}搜索“{filters.q}” · {filters.status ? ORDER_STATE_LABELS[filters.status] : '全部状态'}
          <Text className="queue__filter-clear" onClick={clearSearch}>
            清除搜索
          </Text>
        </Text>
      ) : null}

      <View className="queue__main">
        <View className="queue__list">
          <PagedList<OrderSummary>
            load={load}
            reloadKey={reloadKey}
            answered={answered}
            refreshOnShow
            keyOf={(o) => o.orderId}
            emptyText={filters.q ? '没有找到，换个手机号、姓名或订单号试试' : '没有符合条件的订单'}
            renderItem={(order) => <QueueCard order={order} selected={desk && order.orderId === openId} onOpen={openOrder} />}
          />
        </View>

        {desk ? (
          <View className="queue__detail">
            {openId ? (
              <StationOrderPanel key={openId} orderId={openId} queue={deskQueue} onChanged={panelChanged} />
            ) : (
              <View className="card queue__detail-empty">
                <Text className="muted">在左侧选择一个订单，详情和派单操作显示在这里。</Text>
              </View>
            )}
          </View>
        ) : null}
      </View>
    </AppPage>
  );
}
