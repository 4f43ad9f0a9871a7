import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { type Category, CategoryGrid } from '@/components/category-grid';
import { DevIdentityBanner } from '@/components/dev-identity-banner';
import { type LoadState, StateView } from '@/components/state-view';
import { callCloud, errorMessage } from '@/services/cloud';
import { currentDevOpenid } from '@/services/dev-identity';
import './index.scss';

interface ListCategoriesResult {
  categories: Category[];
}

export default function IndexPage() {
  const [state, setState] = useState<LoadState<Category[]>>({ status: 'loading' });
  const [needsIdentity, setNeedsIdentity] = useState(false);

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      const result = await callCloud<ListCategoriesResult>('catalog', { action: 'listCategories' });
      setState({ status: 'ready', data: result.categories ?? [] });
    } catch (err) {
      setState({ status: 'error', message: errorMessage(err) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useDidShow(() => {
    if (process.env.TARO_ENV === 'h5') setNeedsIdentity(!currentDevOpenid());
  });

  const onSelect = (category: Category) => {
    Taro.showToast({ title: `${category.name}：即将开放`, icon: 'none' });
  };

  return (
    <View className="page home">
      {process.env.TARO_ENV === 'h5' && needsIdentity ? <DevIdentityBanner /> : null}
      <View className="home__hero">
        <Text className="home__hero-title">百姓点单 · 站所派单 · 队伍接单</Text>
        <Text className="home__hero-sub">有需要，找志愿者</Text>
      </View>
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
    </View>
  );
}
