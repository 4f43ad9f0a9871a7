import { Button, Text, View } from '@tarojs/components';
import Taro, { useShareAppMessage } from '@tarojs/taro';
import { useCallback, useRef } from 'react';
import { AppPage } from '@/components/app-page';
import { PagedList } from '@/components/paged-list';
import { announceFn } from '@/contracts';
import { detailPathOf } from '@/domain/announce/announce.rules';
import type { ShareTask } from '@/domain/announce/announce.views';
import { callCloud } from '@/services/cloud';
import { CategoryTag } from './shared/blocks';
import { CardCover } from './shared/cover';
import { announcePath, shortDate } from './shared/format';
import { explainShareInBrowser } from './shared/share-in-browser';
import './tasks.scss';

/** 转发任务 (building heads): forward each announcement's card into the building group; see who has not read it. */
export default function AnnounceTasksPage() {
  const tasks = useRef(new Map<string, ShareTask>());
  const load = useCallback(async (cursor: string | undefined) => {
    const page = await callCloud(announceFn, 'shareTasks', cursor ? { cursor } : {});
    for (const t of page.items) tasks.current.set(`${t.announcementId}:${t.buildingId}`, t);
    return page;
  }, []);

  // The 转发 button (openType="share") carries its task's key; the card opens the detail page with the building.
  useShareAppMessage((res) => {
    const key = (res.target as { dataset?: { key?: string } } | undefined)?.dataset?.key;
    const task = key ? tasks.current.get(key) : undefined;
    if (!task) return { title: '社区公告', path: '/pages/index/index' };
    return {
      title: task.title,
      path: detailPathOf(task.announcementId, task.buildingId, task.shareToken),
      ...(task.coverFileId ? { imageUrl: task.coverFileId } : {}),
    };
  });

  return (
    <AppPage className="atasks">
      {process.env.TARO_ENV === 'h5' ? (
        <Text className="atasks__note">浏览器版不能直接转发到微信群：点「转发到楼栋群」可复制公告链接，发到楼栋群里。</Text>
      ) : null}
      <PagedList<ShareTask>
        load={load}
        refreshOnShow
        keyOf={(t) => `${t.announcementId}:${t.buildingId}`}
        emptyText="暂无转发任务"
        renderItem={(t) => (
          <View className="ann-card">
            <CardCover fileId={t.coverFileId} />
            <View
              className="ann-card__head"
              onClick={() => void Taro.navigateTo({ url: announcePath('detail', { id: t.announcementId }) })}
            >
              <CategoryTag category={t.category} />
              <Text className="ann-card__title">{t.title}</Text>
            </View>
            <Text className="ann-card__meta">{t.publishedAt ? `发布于 ${shortDate(t.publishedAt)}` : ''}</Text>
            <View className="ann-card__actions">
              <Text
                className="atasks__link"
                onClick={() => void Taro.navigateTo({ url: announcePath('unread', { id: t.announcementId, buildingId: t.buildingId }) })}
              >
                未读住户 ›
              </Text>
              {process.env.TARO_ENV === 'h5' ? (
                <Button className="atasks__share" size="mini" onClick={() => void explainShareInBrowser(t)}>
                  转发到楼栋群
                </Button>
              ) : (
                <Button className="atasks__share" openType="share" data-key={`${t.announcementId}:${t.buildingId}`} size="mini">
                  转发到楼栋群
                </Button>
              )}
            </View>
          </View>
        )}
      />
    </AppPage>
  );
}
