import { useCallback } from 'react';
import { AppPage } from '@/components/app-page';
import { PagedList } from '@/components/paged-list';
import { announceFn } from '@/contracts';
import type { FeedItem } from '@/domain/announce/announce.views';
import { callCloud } from '@/services/cloud';
import { FeedCard } from './shared/feed-card';
import { SubscribeButton } from './shared/subscribe';
import './feed.scss';

/** 社区公告: announcements to the resident's bound building, newest first (unread marked). */
export default function AnnounceFeedPage() {
  const load = useCallback((cursor: string | undefined) => callCloud(announceFn, 'feed', cursor ? { cursor } : {}), []);
  return (
    <AppPage className="afeed">
      <SubscribeButton />
      <PagedList<FeedItem>
        load={load}
        refreshOnShow
        keyOf={(a) => a.id}
        emptyText="本楼栋暂无公告"
        renderItem={(item) => <FeedCard item={item} />}
      />
    </AppPage>
  );
}
