import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '@/services/cloud';
import { StateView } from '../state-view';
import './index.scss';

/** One page of a cursor-paged list, as the cloud functions answer it. */
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface PagedListProps<T> {
  /** Loads one page; `cursor` is undefined for the first page. Throws CloudCallError on failure. */
  load: (cursor: string | undefined) => Promise<Page<T>>;
  renderItem: (item: T, index: number) => ReactNode;
  keyOf: (item: T) => string;
  emptyText?: string;
  /** Change it (e.g. the active tab) to start again from the first page. */
  reloadKey?: unknown;
  /** Reload the first page whenever the page is shown again (e.g. back from a detail page). */
  refreshOnShow?: boolean;
  /**
   * A first page an action answered (e.g. the 派单台 queue after an action in the panel beside it):
   * shown in place of the list, without loading it again; a new object each time it is answered.
   */
  answered?: Page<T> | null;
}

type ListState<T> = { items: T[]; cursor: string | null; status: 'loading' | 'ready' | 'more' | 'error' | 'more-error'; error?: string };

/**
 * Cursor-paged list: first page, 加载更多 at the bottom (also on reaching the page bottom),
 * pull-to-refresh (the page config needs `enablePullDownRefresh: true`), and loading / empty /
 * error states through StateView. Stale answers (after a reloadKey change) are dropped.
 */
export function PagedList<T>({ load, renderItem, keyOf, emptyText = '暂无内容', reloadKey, refreshOnShow, answered }: PagedListProps<T>) {
  const [state, setState] = useState<ListState<T>>({ items: [], cursor: null, status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const shownOnce = useRef(false);

  const first = useCallback(async (quiet = false) => {
    const mine = ++generation.current;
    if (!quiet) setState({ items: [], cursor: null, status: 'loading' });
    try {
      const page = await loadRef.current(undefined);
      if (mine !== generation.current) return;
      setState({ items: page.items ?? [], cursor: page.nextCursor ?? null, status: 'ready' });
    } catch (err) {
      if (mine !== generation.current) return;
      setState({ items: [], cursor: null, status: 'error', error: errorMessage(err) });
    }
  }, []);

  const more = useCallback(async () => {
    const cursor = state.cursor;
    if (!cursor || state.status === 'more' || state.status === 'loading') return;
    const mine = generation.current;
    setState((s) => ({ ...s, status: 'more' }));
    try {
      const page = await loadRef.current(cursor);
      if (mine !== generation.current) return;
      setState((s) => ({ items: [...s.items, ...(page.items ?? [])], cursor: page.nextCursor ?? null, status: 'ready' }));
    } catch (err) {
      if (mine !== generation.current) return;
      setState((s) => ({ ...s, status: 'more-error', error: errorMessage(err) }));
    }
  }, [state.cursor, state.status]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey is the trigger
  useEffect(() => {
    void first();
  }, [first, reloadKey]);

  // An answered first page replaces the list as it is (no loading placeholder); a load under way is dropped.
  useEffect(() => {
    if (!answered) return;
    generation.current += 1;
    setState({ items: answered.items ?? [], cursor: answered.nextCursor ?? null, status: 'ready' });
  }, [answered]);

  useDidShow(() => {
    if (refreshOnShow && shownOnce.current) void first(true);
    shownOnce.current = true;
  });

  usePullDownRefresh(() => {
    void first(true).finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    void more();
  });

  if (state.status === 'loading' || state.status === 'error' || state.items.length === 0) {
    return (
      <StateView
        loading={state.status === 'loading'}
        error={state.status === 'error' ? state.error : undefined}
        empty={state.status === 'ready'}
        emptyText={emptyText}
        onRetry={() => void first()}
      />
    );
  }

  return (
    <View className="paged-list">
      {state.items.map((item, index) => (
        <View key={keyOf(item)} className="paged-list__item">
          {renderItem(item, index)}
        </View>
      ))}
      <View className="paged-list__footer">
        {state.status === 'more' ? <Text className="paged-list__hint">加载中…</Text> : null}
        {state.status === 'more-error' ? (
          <Text className="paged-list__more paged-list__more--error" onClick={() => void more()}>
            {state.error}，点此重试
          </Text>
        ) : null}
        {state.status === 'ready' && state.cursor ? (
          <Text className="paged-list__more" onClick={() => void more()}>
            加载更多
          </Text>
        ) : null}
        {state.status === 'ready' && !state.cursor ? <Text className="paged-list__hint">没有更多了</Text> : null}
      </View>
    </View>
  );
}
