import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { PagedList } from '@/components/paged-list';
import { announceFn } from '@/contracts';
import { isEditable } from '@/domain/announce/announce.rules';
import { ANNOUNCEMENT_STATE_LABELS } from '@/domain/announce/announce.types';
import type { MineItem } from '@/domain/announce/announce.views';
import { callCloud } from '@/services/cloud';
import { CategoryTag } from './shared/blocks';
import { announcePath, shortDate } from './shared/format';
import './manage.scss';

const go = (page: string, id: string) => () => void Taro.navigateTo({ url: announcePath(page, { id }) });

function metaOf(item: MineItem): string {
  if (item.state === 'scheduled') return `创建于 ${shortDate(item.createdAt)}`;
  if (item.publishedAt) return `发布于 ${shortDate(item.publishedAt)} · ${item.buildings} 个楼栋`;
  return `创建于 ${shortDate(item.createdAt)}`;
}

/** The time a draft or scheduled one is set to go out, when it has one. */
function whenOf(item: MineItem): string | null {
  if (!item.publishAt || !isEditable(item.state)) return null;
  return item.state === 'scheduled' ? `将于 ${shortDate(item.publishAt)} 自动发布` : `拟于 ${shortDate(item.publishAt)} 发布 · 待确认`;
}

function MineCard({ item, onRemoved }: { item: MineItem; onRemoved: () => void }) {
  const editable = isEditable(item.state);
  const when = whenOf(item);
  const remove = async () => {
    await callCloud(announceFn, 'discard', { id: item.id, version: item.version });
    onRemoved();
  };
  return (
    <View className="ann-card" hoverClass="ann-card--active">
      <View className="ann-card__head" onClick={go(editable ? 'preview' : 'progress', item.id)}>
        <CategoryTag category={item.category} />
        <Text className="ann-card__title">{item.title}</Text>
        <Text className={`amanage__state amanage__state--${item.state}`}>{ANNOUNCEMENT_STATE_LABELS[item.state]}</Text>
      </View>
      {when ? <Text className={`amanage__when amanage__when--${item.state}`}>{when}</Text> : null}
      <Text className="ann-card__meta">{metaOf(item)}</Text>
      <View className="ann-card__actions">
        {editable ? (
          <>
            <AsyncButton
              type="warn"
              size="small"
              className="amanage__remove"
              onClick={remove}
              successToast="已删除"
              confirm={{
                title: item.state === 'scheduled' ? '删除这条定时公告？' : '删除这条草稿？',
                content: item.state === 'scheduled' ? '删除后它不会再按时发布，且不能恢复。' : '删除后不能恢复。',
                confirmText: '删除',
              }}
            >
              删除
            </AsyncButton>
            <Text className="amanage__link" onClick={go('compose', item.id)}>
              修改 ›
            </Text>
            <Text className="amanage__link" onClick={go('preview', item.id)}>
              {item.state === 'draft' ? '预览并发布 ›' : '预览 ›'}
            </Text>
          </>
        ) : (
          <>
            <Text className="amanage__link" onClick={go('progress', item.id)}>
              发送进度 ›
            </Text>
            <Text className="amanage__link" onClick={go('awareness', item.id)}>
              知晓率 ›
            </Text>
          </>
        )}
      </View>
    </View>
  );
}

/** 发布公告 (staff): 写公告, and the caller's announcements — drafts and scheduled ones to edit, published ones with progress and 知晓率. */
export default function AnnounceManagePage() {
  const [generation, setGeneration] = useState(0);
  const load = useCallback((cursor: string | undefined) => callCloud(announceFn, 'mine', cursor ? { cursor } : {}), []);
  return (
    <AppPage className="amanage">
      <View className="amanage__new">
        <AsyncButton onClick={() => Taro.navigateTo({ url: announcePath('compose') })}>写公告</AsyncButton>
      </View>
      <Text className="section-title">我发布的公告</Text>
      <PagedList<MineItem>
        load={load}
        reloadKey={generation}
        refreshOnShow
        keyOf={(a) => a.id}
        emptyText="还没有公告，点上方「写公告」"
        renderItem={(item) => <MineCard item={item} onRemoved={() => setGeneration((g) => g + 1)} />}
      />
    </AppPage>
  );
}
