import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder } from '@/components/state-view';
import { announceFn } from '@/contracts';
import { ANNOUNCEMENT_STATE_LABELS, CHANNEL_LABELS, CHANNELS } from '@/domain/announce/announce.types';
import type { PreviewView, PublishResult, RecipientEstate } from '@/domain/announce/announce.views';
import { ErrorCode } from '@/domain/shared/domain-error';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { CloudCallError, callCloud, errorMessage } from '@/services/cloud';
import { AnnouncementBody, CategoryTag } from './shared/blocks';
import { AnnouncementCover } from './shared/cover';
import { announcePath, shortDate } from './shared/format';
import { backToManage } from './shared/nav';
import './preview.scss';

function bannerOf(a: PreviewView): string {
  if (a.state === 'draft' && a.publishAt) return `预览：将于 ${shortDate(a.publishAt)} 定时发布，确认无误后点「定时发布」`;
  if (a.state === 'draft') return '预览：居民看到的样子如下，确认无误后发布';
  if (a.state === 'scheduled' && a.publishAt) return `已定时：将于 ${shortDate(a.publishAt)} 自动发布；修改后需重新发布`;
  return `状态：${ANNOUNCEMENT_STATE_LABELS[a.state]}`;
}

/** Estates listed before 展开全部. */
const ESTATES_SHOWN = 6;

/** 推送范围 before 发布: how many 楼栋, and which, by 小区. */
function Recipients({ recipients, sent }: { recipients: PreviewView['recipients']; sent: boolean }) {
  const [all, setAll] = useState(false);
  const shown: RecipientEstate[] = all ? recipients.estates : recipients.estates.slice(0, ESTATES_SHOWN);
  const hidden = recipients.estates.length - shown.length;
  return (
    <View className="card apreview__recipients">
      <Text className="apreview__recipients-title">
        {sent ? '推送范围' : '将推送到'}：{recipients.buildings} 个楼栋
        {recipients.estates.length > 1 ? `（${recipients.estates.length} 个小区）` : ''}
      </Text>
      {shown.map((e) => (
        <View key={e.id} className="apreview__estate">
          <Text className="apreview__estate-name">
            {e.communityName} · {e.name}（{e.buildings.length} 栋）
          </Text>
          <Text className="apreview__estate-buildings">{e.buildings.join('、')}</Text>
        </View>
      ))}
      {hidden > 0 || all ? (
        <Text className="apreview__recipients-more" onClick={() => setAll(!all)}>
          {all ? '收起' : `展开其余 ${hidden} 个小区`}
        </Text>
      ) : null}
    </View>
  );
}

/** 预览 (staff): the draft exactly as residents will see it, then 发布 / 定时发布 (content check on the server), or 修改. */
export default function AnnouncePreviewPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const { state, setState, reload } = useCloudLoad(() => callCloud(announceFn, 'preview', { id }), [id]);
  const [refused, setRefused] = useState<string | null>(null);
  const [published, setPublished] = useState<PublishResult | null>(null);

  if (state.status !== 'ready') {
    return (
      <AppPage className="apreview">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const a = state.data;
  const publish = async () => {
    setRefused(null);
    const r = await callCloud(announceFn, 'publish', { id, version: a.version });
    setPublished(r);
    setState({ status: 'ready', data: { ...a, state: r.state } });
  };
  const editable = a.state === 'draft' || a.state === 'scheduled';
  const toProgress = () => Taro.redirectTo({ url: announcePath('progress', { id }) });
  return (
    <AppPage className="apreview">
      <View className="apreview__banner">
        <Text className="apreview__banner-text">{bannerOf(a)}</Text>
      </View>
      <View className="card apreview__card">
        <View className="apreview__meta">
          <CategoryTag category={a.category} />
        </View>
        <Text className="apreview__title">{a.title}</Text>
        <AnnouncementCover fileId={a.coverFileId} />
        <AnnouncementBody blocks={a.blocks} />
      </View>

      <Recipients recipients={a.recipients} sent={!editable} />

      {refused ? <Text className="apreview__refused">{refused}</Text> : null}

      {published ? (
        <View className="card apreview__result">
          {published.state === 'scheduled' ? (
            <>
              <Text className="apreview__result-title">已定时发布</Text>
              <Text className="apreview__result-line">将于 {shortDate(published.publishAt)} 自动推送到所选范围</Text>
              <View className="apreview__actions">
                <AsyncButton onClick={backToManage}>返回我的公告</AsyncButton>
              </View>
            </>
          ) : (
            <>
              <Text className="apreview__result-title">已发布到 {published.buildings} 个楼栋</Text>
              {CHANNELS.map((c) => (
                <Text key={c} className="apreview__result-line">
                  {CHANNEL_LABELS[c]}：计划 {published.planned[c]} 条
                </Text>
              ))}
              <View className="apreview__actions">
                <AsyncButton onClick={toProgress}>查看发送进度</AsyncButton>
              </View>
            </>
          )}
        </View>
      ) : editable ? (
        <View className="apreview__actions">
          {a.state === 'draft' ? (
            <AsyncButton
              onClick={publish}
              confirm={
                a.publishAt
                  ? {
                      title: '定时发布这条公告吗？',
                      content: `将于 ${shortDate(a.publishAt)} 自动推送到所选范围的居民、楼栋群和楼栋长；在此之前仍可修改。`,
                      confirmText: '确认定时',
                    }
                  : {
                      title: '发布这条公告吗？',
                      content: '发布后将推送到所选范围的居民、楼栋群和楼栋长，不能撤回。',
                      confirmText: '确认发布',
                    }
              }
              onError={(err) => {
                setRefused(errorMessage(err));
                // Edited elsewhere meanwhile: show what would go out now.
                if (err instanceof CloudCallError && err.code === ErrorCode.Conflict) void reload(true);
              }}
            >
              {a.publishAt ? '定时发布' : '发布'}
            </AsyncButton>
          ) : null}
          <AsyncButton type="default" onClick={() => Taro.redirectTo({ url: announcePath('compose', { id }) })}>
            修改
          </AsyncButton>
        </View>
      ) : (
        <AsyncButton onClick={toProgress}>查看发送进度</AsyncButton>
      )}
    </AppPage>
  );
}
