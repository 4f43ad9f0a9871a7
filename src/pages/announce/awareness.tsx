import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder } from '@/components/state-view';
import { announceFn } from '@/contracts';
import type { Rate } from '@/domain/announce/announce.awareness';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { announcePath, percent } from './shared/format';
import './awareness.scss';

interface RateRow extends Rate {
  id: string;
  name: string;
}

/** Bars of 知晓率 (0–100 %) drawn with Views: name, bar, rate and readers / residents. */
function RateBars({ rows, onTap, noteOf }: { rows: RateRow[]; onTap?: (row: RateRow) => void; noteOf?: (row: RateRow) => string | null }) {
  if (rows.length === 0) return <Text className="muted">暂无数据</Text>;
  return (
    <View className="rate-bars">
      {rows.map((r) => (
        <View key={r.id} className="rate-bars__item" onClick={onTap ? () => onTap(r) : undefined}>
          <View className="rate-bars__row">
            <Text className="rate-bars__label">{r.name}</Text>
            <View className="rate-bars__track">
              <View className="rate-bars__bar" style={{ width: `${Math.max(r.readers > 0 ? 2 : 0, Math.round(r.rate * 100))}%` }} />
            </View>
            <View className="rate-bars__value">
              <Text className="rate-bars__rate">{percent(r.rate)}</Text>
              <Text className="rate-bars__count">
                {r.readers}/{r.residents}
              </Text>
            </View>
          </View>
          {noteOf?.(r) ? <Text className="rate-bars__note">{noteOf(r)}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** 知晓率 (staff): overall, per 小区 and per 楼栋 (tap a 楼栋 for its unread households). */
export default function AnnounceAwarenessPage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const { state, reload: load } = useCloudLoad(() => callCloud(announceFn, 'awareness', { id }), [id]);

  if (state.status !== 'ready') {
    return (
      <AppPage className="aware">
        <LoadPlaceholder state={state} onRetry={() => void load()} />
      </AppPage>
    );
  }
  const a = state.data;
  const estates = a.communities.flatMap((c) => c.estates);
  // 知晓 by household: read in the app, told at the door (敲门), either — beside the residents' reads.
  const h = a.households;
  const householdNote = (row: RateRow) => {
    const b = h.buildings[row.id];
    return b && b.households > 0 ? `按户：已读 ${b.read} · 敲门 ${b.door} · 合计 ${b.either}/${b.households} 户` : null;
  };
  const openUnread = (row: RateRow) => void Taro.navigateTo({ url: announcePath('unread', { id, buildingId: row.id }) });
  return (
    <AppPage className="aware">
      <View className="card aware__total">
        <Text className="aware__title">{a.title}</Text>
        <View className="aware__numbers">
          <View className="aware__number">
            <Text className="aware__number-value aware__rate">{percent(a.rate)}</Text>
            <Text className="aware__number-label">知晓率</Text>
          </View>
          <View className="aware__number">
            <Text className="aware__number-value aware__readers">{a.readers}</Text>
            <Text className="aware__number-label">已读居民</Text>
          </View>
          <View className="aware__number">
            <Text className="aware__number-value">{a.residents}</Text>
            <Text className="aware__number-label">覆盖居民</Text>
          </View>
          <View className="aware__number">
            <Text className="aware__number-value">{a.groupReads}</Text>
            <Text className="aware__number-label">群内打开</Text>
          </View>
        </View>
        <View className="aware__households">
          <Text className="aware__households-title">按户统计（含敲门入户）</Text>
          <View className="aware__numbers">
            <View className="aware__number">
              <Text className="aware__number-value">{h.read}</Text>
              <Text className="aware__number-label">应用内已读（户）</Text>
            </View>
            <View className="aware__number">
              <Text className="aware__number-value">{h.door}</Text>
              <Text className="aware__number-label">敲门已宣传（户）</Text>
            </View>
            <View className="aware__number">
              <Text className="aware__number-value aware__rate">{percent(h.rate)}</Text>
              <Text className="aware__number-label">
                合计知晓 {h.either}/{h.households} 户
              </Text>
            </View>
          </View>
        </View>
      </View>

      {a.communities.length > 1 ? (
        <View className="card">
          <Text className="aware__section">各社区</Text>
          <RateBars rows={a.communities} />
        </View>
      ) : null}

      <View className="card aware__estates">
        <Text className="aware__section">各小区</Text>
        <RateBars rows={estates} />
      </View>

      {estates.map((e) => (
        <View key={e.id} className="card aware__estate">
          <View className="aware__estate-head">
            <Text className="aware__section">{e.name}</Text>
            <Text className="aware__estate-rate">
              {percent(e.rate)} · {e.readers}/{e.residents}
            </Text>
          </View>
          <RateBars rows={e.buildings} onTap={openUnread} noteOf={householdNote} />
        </View>
      ))}
      <Text className="aware__hint">点楼栋查看未读住户，去敲门宣传</Text>
    </AppPage>
  );
}
