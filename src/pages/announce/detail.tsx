import { Text, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder } from '@/components/state-view';
import { announceFn } from '@/contracts';
import { detailPathOf } from '@/domain/announce/announce.rules';
import { ErrorCode } from '@/domain/shared/domain-error';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { CloudCallError, callCloud } from '@/services/cloud';
import { AnnouncementBody, CategoryTag } from './shared/blocks';
import { AnnouncementCover } from './shared/cover';
import { shortDate } from './shared/format';
import { groupCloudIdOf } from './shared/group';
import './detail.scss';

/**
 * 公告详情 — also the share card's page (`/pages/announce/detail?id=…&buildingId=…`). Opening it
 * records the read (once per person; it counts for 知晓率 when the reader lives in a targeted
 * building) and, from a group card, the group open.
 */
export default function AnnounceDetailPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const buildingId = params.buildingId ? decodeURIComponent(params.buildingId) : undefined;
  // The share task's token for (announcement, building): only with it may a group open bind the group.
  const shareToken = params.st ? decodeURIComponent(params.st) : undefined;
  // H5 only: `?opengid=` stands in for a group (see shared/group.ts).
  const opengid = process.env.TARO_ENV === 'h5' && params.opengid ? decodeURIComponent(params.opengid) : undefined;
  const { state, reload } = useCloudLoad(async () => {
    if (!id) throw new CloudCallError(ErrorCode.NotFound, '找不到这条公告');
    const groupCloudId = await groupCloudIdOf({ opengid });
    return callCloud(announceFn, 'detail', {
      id,
      ...(groupCloudId ? { groupCloudId } : {}),
      ...(groupCloudId && buildingId ? { buildingId } : {}),
      ...(groupCloudId && buildingId && shareToken ? { shareToken } : {}),
    });
  }, [id, buildingId, shareToken, opengid]);

  useShareAppMessage(() => ({
    title: state.status === 'ready' ? state.data.title : '社区公告',
    ...(state.status === 'ready' && state.data.coverFileId ? { imageUrl: state.data.coverFileId } : {}),
    path: detailPathOf(id, buildingId, shareToken),
  }));

  if (state.status !== 'ready') {
    return (
      <AppPage className="adetail">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const a = state.data;
  return (
    <AppPage className="adetail">
      <View className="card adetail__card">
        <View className="adetail__meta">
          <CategoryTag category={a.category} />
          <Text className="adetail__time">{a.publishedAt ? shortDate(a.publishedAt) : a.state === 'draft' ? '草稿（预览）' : ''}</Text>
        </View>
        <Text className="adetail__title">{a.title}</Text>
        <AnnouncementCover fileId={a.coverFileId} />
        <AnnouncementBody blocks={a.blocks} />
        {a.group?.status === 'counted' ? <Text className="adetail__note">已记录本群的阅读</Text> : null}
      </View>
      <View className="adetail__footer">
        <Text className="muted" onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
          返回首页
        </Text>
      </View>
    </AppPage>
  );
}
