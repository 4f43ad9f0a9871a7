import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { announceFn } from '@/contracts';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { ProgressBar } from './shared/blocks';
import './unread.scss';

/** 未读住户 (building head / staff): households of one building where nobody has read it yet, for 敲门. */
export default function AnnounceUnreadPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const buildingId = params.buildingId ? decodeURIComponent(params.buildingId) : '';
  const { state, reload: load } = useCloudLoad(() => callCloud(announceFn, 'unread', { id, buildingId }), [id, buildingId]);

  if (state.status !== 'ready') {
    return (
      <AppPage className="aunread">
        <LoadPlaceholder state={state} onRetry={() => void load()} />
      </AppPage>
    );
  }
  const u = state.data;
  // 敲门行动 (pages/grid/doors): this building's doors, with this announcement to explain.
  const knockUrl = (room?: string) =>
    `/pages/grid/doors/index?buildingId=${encodeURIComponent(buildingId)}&announcementId=${encodeURIComponent(id)}${
      room ? `&room=${encodeURIComponent(room)}` : ''
    }`;
  return (
    <AppPage className="aunread">
      <View className="card">
        <Text className="aunread__building">{u.buildingName}</Text>
        <ProgressBar label="已读居民" done={u.readers} total={u.residents} />
        <AsyncButton type="primary" className="aunread__knock" onClick={() => Taro.navigateTo({ url: knockUrl() })}>
          去敲门
        </AsyncButton>
      </View>
      <Text className="section-title">未读住户（{u.households.length} 户）</Text>
      {u.households.length === 0 ? (
        <StateView empty emptyText="本楼栋居民都已读过" />
      ) : (
        <View className="card aunread__list">
          {u.households.map((h) => (
            <View key={h.room} className="aunread__row" onClick={() => Taro.navigateTo({ url: knockUrl(h.room) })}>
              <Text className="aunread__room">{h.room}</Text>
              <Text className="aunread__names">
                {h.names.join('、')}
                {h.residents > 1 ? `（${h.residents} 人）` : ''}
              </Text>
            </View>
          ))}
        </View>
      )}
      <Text className="aunread__hint">点住户去敲门，记下走访结果；名单仅供本楼栋提醒使用</Text>
    </AppPage>
  );
}
