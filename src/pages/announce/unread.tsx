import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { type LoadState, StateView } from '@/components/state-view';
import { callCloud, errorMessage } from '@/services/cloud';
import { ProgressBar } from './shared/blocks';
import type { UnreadView } from './shared/types';
import './unread.scss';

/** 未读住户 (building head / staff): households of one building where nobody has read it yet, for 敲门. */
export default function AnnounceUnreadPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const buildingId = params.buildingId ? decodeURIComponent(params.buildingId) : '';
  const [state, setState] = useState<LoadState<UnreadView>>({ status: 'loading' });

  const load = useCallback(
    async (quiet = false) => {
      if (!quiet) setState({ status: 'loading' });
      try {
        setState({ status: 'ready', data: await callCloud<UnreadView>('announce', { action: 'unread', id, buildingId }) });
      } catch (err) {
        setState({ status: 'error', message: errorMessage(err) });
      }
    },
    [id, buildingId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  if (state.status !== 'ready') {
    return (
      <AppPage className="aunread">
        <StateView
          loading={state.status === 'loading'}
          error={state.status === 'error' ? state.message : undefined}
          onRetry={() => void load()}
        />
      </AppPage>
    );
  }
  const u = state.data;
  return (
    <AppPage className="aunread">
      <View className="card">
        <Text className="aunread__building">{u.buildingName}</Text>
        <ProgressBar label="已读居民" done={u.readers} total={u.residents} />
      </View>
      <Text className="section-title">未读住户（{u.households.length} 户）</Text>
      {u.households.length === 0 ? (
        <StateView empty emptyText="本楼栋居民都已读过" />
      ) : (
        <View className="card aunread__list">
          {u.households.map((h) => (
            <View key={h.room} className="aunread__row">
              <Text className="aunread__room">{h.room}</Text>
              <Text className="aunread__names">
                {h.names.join('、')}
                {h.residents > 1 ? `（${h.residents} 人）` : ''}
              </Text>
            </View>
          ))}
        </View>
      )}
      <Text className="aunread__hint">可逐户敲门提醒阅读；名单仅供本楼栋提醒使用</Text>
    </AppPage>
  );
}
