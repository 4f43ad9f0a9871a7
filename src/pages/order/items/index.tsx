import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { type LoadState, StateView } from '@/components/state-view';
import { catalogFn } from '@/contracts';
import type { CatalogItem } from '@/domain/catalog/catalog.types';
import { callCloud, errorMessage } from '@/services/cloud';
import './index.scss';

/** 服务菜单 → one category's items, each with 我要点单. */
export default function CategoryItemsPage() {
  const { params } = useRouter();
  const categoryId = params.categoryId ?? '';
  const [state, setState] = useState<LoadState<CatalogItem[]>>({ status: 'loading' });

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      // One call: the category's name (the title) and its items.
      const { name, items } = await callCloud(catalogFn, 'category', { categoryId });
      if (name) void Taro.setNavigationBarTitle({ title: name });
      setState({ status: 'ready', data: items });
    } catch (err) {
      setState({ status: 'error', message: errorMessage(err) });
    }
  }, [categoryId]);

  useEffect(() => {
    void load();
  }, [load]);

  const order = (item: CatalogItem) =>
    Taro.navigateTo({
      url: `/pages/order/create/index?itemId=${encodeURIComponent(item._id)}&categoryId=${encodeURIComponent(categoryId)}`,
    });

  return (
    <AppPage className="items">
      {state.status === 'ready' && state.data.length > 0 ? (
        state.data.map((item) => (
          <View key={item._id} className="card items__item">
            <Text className="items__name">{item.name}</Text>
            {item.description ? <Text className="items__desc">{item.description}</Text> : null}
            <View className="items__foot">
              <Text className="muted">{item.responseHours} 小时内响应</Text>
              <AsyncButton size="small" onClick={() => order(item)}>
                我要点单
              </AsyncButton>
            </View>
          </View>
        ))
      ) : (
        <StateView
          loading={state.status === 'loading'}
          error={state.status === 'error' ? state.message : undefined}
          empty={state.status === 'ready'}
          emptyText="这个分类暂无服务项目"
          onRetry={() => void load()}
        />
      )}
    </AppPage>
  );
}
