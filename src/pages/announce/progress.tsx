import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder } from '@/components/state-view';
import { announceFn } from '@/contracts';
import { ANNOUNCEMENT_STATE_LABELS, CHANNEL_LABELS, CHANNELS, type Channel } from '@/domain/announce/announce.types';
import type { ChannelProgress } from '@/domain/announce/announce.views';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { ProgressBar } from './shared/blocks';
import { announcePath } from './shared/format';
import './progress.scss';

function noteOf(channel: Channel, p: ChannelProgress): string {
  const parts: string[] = [];
  if (p.pending > 0) parts.push(`待发送 ${p.pending}`);
  if (p.failed > 0) parts.push(`失败 ${p.failed}`);
  if (p.noGrant > 0) parts.push(`未授权 ${p.noGrant}`);
  if (p.planned === 0) {
    if (channel === 'subscribe') return '范围内没有居民订阅公告提醒';
    if (channel === 'robot') return '范围内的楼栋群都没有群机器人';
    return '无需发送';
  }
  return parts.join(' · ') || '已全部完成';
}

/** 发送进度 (staff): per channel, done of planned, with pending / failed / not granted. */
export default function AnnounceProgressPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const { state, reload: load } = useCloudLoad(() => callCloud(announceFn, 'progress', { id }), [id]);

  if (state.status !== 'ready') {
    return (
      <AppPage className="aprogress">
        <LoadPlaceholder state={state} onRetry={() => void load()} />
      </AppPage>
    );
  }
  const p = state.data;
  return (
    <AppPage className="aprogress">
      <View className="card">
        <View className="aprogress__head">
          <Text className="aprogress__state">{ANNOUNCEMENT_STATE_LABELS[p.state]}</Text>
          <Text className="aprogress__buildings">共 {p.buildings} 个楼栋</Text>
        </View>
        {p.state === 'publishing' ? (
          <ProgressBar label="投递规划" done={p.plannedBuildings} total={p.buildings} note="楼栋逐批规划，稍后刷新" />
        ) : null}
        {p.state === 'scheduled' ? <Text className="muted">到定时发布时间后开始发送</Text> : null}
      </View>
      <View className="card">
        <Text className="aprogress__section">各渠道发送</Text>
        {CHANNELS.map((c) => (
          <ProgressBar
            key={c}
            label={CHANNEL_LABELS[c]}
            done={p.channels[c].sent}
            total={p.channels[c].planned}
            note={noteOf(c, p.channels[c])}
          />
        ))}
      </View>
      <View className="aprogress__actions">
        <AsyncButton type="default" onClick={() => load(true)}>
          刷新
        </AsyncButton>
        <AsyncButton onClick={() => Taro.navigateTo({ url: announcePath('awareness', { id }) })}>查看知晓率</AsyncButton>
      </View>
    </AppPage>
  );
}
