import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { type LoadState, StateView } from '@/components/state-view';
import { ANNOUNCEMENT_STATE_LABELS, CHANNEL_LABELS, CHANNELS } from '@/domain/announce/announce.types';
import { callCloud, errorMessage } from '@/services/cloud';
import { AnnouncementBody, CategoryTag } from './shared/blocks';
import { announcePath } from './shared/format';
import type { PreviewView, PublishResult } from './shared/types';
import './preview.scss';

/** 预览 (staff): the draft exactly as residents will see it, then 发布 (content check on the server). */
export default function AnnouncePreviewPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [state, setState] = useState<LoadState<PreviewView>>({ status: 'loading' });
  const [refused, setRefused] = useState<string | null>(null);
  const [published, setPublished] = useState<PublishResult | null>(null);

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', data: await callCloud<PreviewView>('announce', { action: 'preview', id }) });
    } catch (err) {
      setState({ status: 'error', message: errorMessage(err) });
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const publish = async () => {
    setRefused(null);
    const r = await callCloud<PublishResult>('announce', { action: 'publish', id });
    setPublished(r);
    setState((s) => (s.status === 'ready' ? { status: 'ready', data: { ...s.data, state: r.state } } : s));
  };

  if (state.status !== 'ready') {
    return (
      <AppPage className="apreview">
        <StateView
          loading={state.status === 'loading'}
          error={state.status === 'error' ? state.message : undefined}
          onRetry={() => void load()}
        />
      </AppPage>
    );
  }
  const a = state.data;
  const draft = a.state === 'draft';
  return (
    <AppPage className="apreview">
      <View className="apreview__banner">
        <Text className="apreview__banner-text">
          {draft ? '预览：居民看到的样子如下，确认无误后发布' : `状态：${ANNOUNCEMENT_STATE_LABELS[a.state]}`}
        </Text>
      </View>
      <View className="card apreview__card">
        <View className="apreview__meta">
          <CategoryTag category={a.category} />
        </View>
        <Text className="apreview__title">{a.title}</Text>
        {a.coverFileId ? <Image className="apreview__cover" src={a.coverFileId} mode="widthFix" /> : null}
        <AnnouncementBody blocks={a.blocks} />
      </View>

      {refused ? <Text className="apreview__refused">{refused}</Text> : null}

      {published ? (
        <View className="card apreview__result">
          <Text className="apreview__result-title">
            {published.state === 'scheduled' ? '已定时发布' : `已发布到 ${published.buildings} 个楼栋`}
          </Text>
          {CHANNELS.map((c) => (
            <Text key={c} className="apreview__result-line">
              {CHANNEL_LABELS[c]}：计划 {published.planned[c]} 条
            </Text>
          ))}
          <View className="apreview__actions">
            <AsyncButton onClick={() => Taro.redirectTo({ url: announcePath('progress', { id }) })}>查看发送进度</AsyncButton>
          </View>
        </View>
      ) : draft ? (
        <AsyncButton
          onClick={publish}
          confirm={{
            title: '发布这条公告吗？',
            content: '发布后将推送到所选范围的居民、楼栋群和楼栋长，不能撤回。',
            confirmText: '确认发布',
          }}
          onError={(err) => setRefused(errorMessage(err))}
        >
          发布
        </AsyncButton>
      ) : (
        <AsyncButton onClick={() => Taro.redirectTo({ url: announcePath('progress', { id }) })}>查看发送进度</AsyncButton>
      )}
    </AppPage>
  );
}
