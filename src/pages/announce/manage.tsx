import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { PagedList } from '@/components/paged-list';
import { ANNOUNCEMENT_STATE_LABELS } from '@/domain/announce/announce.types';
import { callCloud } from '@/services/cloud';
import { CategoryTag } from './shared/blocks';
import { announcePath, shortDate } from './shared/format';
import type { MineItem } from './shared/types';
import './manage.scss';

function MineCard({ item }: { item: MineItem }) {
  const draft = item.state === 'draft';
  return (
    <View className="ann-card" hoverClass="ann-card--active">
      <View
        className="ann-card__head"
        onClick={() => void Taro.navigateTo({ url: announcePath(draft ? 'preview' : 'progress', { id: item.id }) })}
      >
        <CategoryTag category={item.category} />
        <Text className="ann-card__title">{item.title}</Text>
        <Text className={`amanage__state amanage__state--${item.state}`}>{ANNOUNCEMENT_STATE_LABELS[item.state]}</Text>
      </View>
      <Text className="ann-card__meta">
        {item.publishedAt ? `发布于 ${shortDate(item.publishedAt)} · ${item.buildings} 个楼栋` : `创建于 ${shortDate(item.createdAt)}`}
        {item.state === 'scheduled' && item.publishAt ? ` · 定时 ${shortDate(item.publishAt)}` : ''}
      </Text>
      <View className="ann-card__actions">
        {draft ? (
          <Text className="amanage__link" onClick={() => void Taro.navigateTo({ url: announcePath('preview', { id: item.id }) })}>
            预览并发布 ›
          </Text>
        ) : (
          <>
            <Text className="amanage__link" onClick={() => void Taro.navigateTo({ url: announcePath('progress', { id: item.id }) })}>
              发送进度 ›
            </Text>
            <Text className="amanage__link" onClick={() => void Taro.navigateTo({ url: announcePath('awareness', { id: item.id }) })}>
              知晓率 ›
            </Text>
          </>
        )}
      </View>
    </View>
  );
}

/** 发布公告 (staff): 写公告, and the caller's announcements with their progress and 知晓率. */
export default function AnnounceManagePage() {
  const load = useCallback(
    (cursor: string | undefined) =>
      callCloud<{ items: MineItem[]; nextCursor: string | null }>('announce', { action: 'mine', ...(cursor ? { cursor } : {}) }),
    [],
  );
  return (
    <AppPage className="amanage">
      <View className="amanage__new">
        <AsyncButton onClick={() => Taro.navigateTo({ url: announcePath('compose') })}>写公告</AsyncButton>
      </View>
      <Text className="section-title">我发布的公告</Text>
      <PagedList<MineItem>
        load={load}
        refreshOnShow
        keyOf={(a) => a.id}
        emptyText="还没有公告，点上方「写公告」"
        renderItem={(item) => <MineCard item={item} />}
      />
    </AppPage>
  );
}
