import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Fragment, type ReactNode } from 'react';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { useCloudLoad } from '@/hooks/use-cloud-load';

export interface PendingListProps<T> {
  fetch: () => Promise<T[]>;
  /** e.g. 待审核 — the count follows. */
  title: string;
  emptyText: string;
  keyOf: (item: T) => string;
  /** One card; `decided(toast)` toasts and reloads the list after a decision. */
  renderItem: (item: T, decided: (toast: string) => Promise<void>) => ReactNode;
}

/** A page of pending requests to decide (志愿者审核, 住户绑定审核): load, count, empty, reload after each decision. */
export function PendingList<T>({ fetch, title, emptyText, keyOf, renderItem }: PendingListProps<T>) {
  const { state, reload } = useCloudLoad(fetch, []);
  if (state.status !== 'ready') {
    return (
      <AppPage className="decisions">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const decided = async (toast: string) => {
    void Taro.showToast({ title: toast, icon: 'success' });
    await reload(true);
  };
  return (
    <AppPage className="decisions">
      <Text className="section-title decisions__title">
        {title}（{state.data.length}）
      </Text>
      {state.data.length === 0 ? <StateView empty emptyText={emptyText} /> : null}
      {state.data.map((item) => (
        <Fragment key={keyOf(item)}>{renderItem(item, decided)}</Fragment>
      ))}
    </AppPage>
  );
}
