import { Text, View } from '@tarojs/components';
import { type ReactNode, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FieldTextarea, FormField } from '@/components/form-field';
import { PhotoPicker } from '@/components/photo-picker';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { formatDateTime } from '@/components/timeline';
import { orderFn } from '@/contracts';
import { NOTE_MAX } from '@/domain/order/order.rules';
import type { WishCard, WishWallView } from '@/domain/order/wish-wall';
import { ErrorCode } from '@/domain/shared/domain-error';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { CloudCallError, callCloud } from '@/services/cloud';
import './index.scss';

/** 已送达: an optional word and one photo of the handover, then the resident confirms receipt (评价). */
function DeliverForm({ card, onDone }: { card: WishCard; onDone: (wall: WishWallView) => void }) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  return (
    <View className="wish__deliver">
      <FormField label="送达说明" hint="选填，居民会看到">
        <FieldTextarea value={note} maxlength={NOTE_MAX} placeholder="例如：已把收音机送到老人家中并教会使用" onChange={setNote} />
      </FormField>
      <FormField label="送达照片" hint="选填，1 张">
        <PhotoPicker value={photos} onChange={setPhotos} folder={`reports/${card.orderId}`} max={1} />
      </FormField>
      <AsyncButton
        className="wish__button"
        confirm={{ title: '已送达', content: '确认心愿已经送到居民手中吗？居民确认收到后心愿完成。', confirmText: '确认送达' }}
        successToast="已送达"
        onClick={async () => {
          const res = await callCloud(orderFn, 'deliver', {
            orderId: card.orderId,
            expectedVersion: card.version,
            ...(note.trim() ? { note: note.trim() } : {}),
            ...(photos.length ? { photos } : {}),
          });
          onDone(res.wall);
        }}
      >
        已送达
      </AsyncButton>
    </View>
  );
}

function Card({ card, children }: { card: WishCard; children?: ReactNode }) {
  return (
    <View className="card wish__card">
      <Text className="wish__tag">{card.stateLabel}</Text>
      <Text className="wish__title">{card.itemName}</Text>
      <Text className="wish__desc">{card.description}</Text>
      <Text className="wish__meta">地点：{card.place}</Text>
      <Text className="wish__meta">上墙时间：{formatDateTime(card.postedAt)}</Text>
      {card.adopter ? <Text className="wish__meta">认领人：{card.adopter}</Text> : null}
      {children}
    </View>
  );
}

/**
 * 心愿墙 (帮挂单位 / 在职党员): the 微心愿 the station put on the wall in the volunteer's 街道, to 认领
 * (first come, first served), and the ones they adopted, to mark 已送达.
 */
export default function WishWallPage() {
  const { state, setState, reload } = useCloudLoad<WishWallView>(() => callCloud(orderFn, 'wishWall', {}), []);
  // Why the last 认领 did not go through (someone else was first), shown above the wall until the next one.
  const [notice, setNotice] = useState('');
  if (state.status !== 'ready') {
    return (
      <AppPage className="wish">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const wall = state.data;
  const show = (data: WishWallView) => setState({ status: 'ready', data });

  /**
   * 认领 in one call: the answer is the wall after it (the card under 我认领的, with the full address).
   * No expectedVersion, as with 抢单: a wish only leaves the wall by being adopted, taken down or
   * cancelled, and a lost race then reads 手慢了 rather than a generic conflict. A refusal that
   * means the wish is no longer on the wall takes the card off here, without reading the wall again.
   */
  const adopt = async (card: WishCard) => {
    setNotice('');
    try {
      const res = await callCloud(orderFn, 'transition', { orderId: card.orderId, event: 'adopt', view: 'wishWall' });
      if (res.wall) show(res.wall);
    } catch (err) {
      const code = err instanceof CloudCallError ? err.code : '';
      if (code !== ErrorCode.Conflict && code !== ErrorCode.InvalidTransition && code !== ErrorCode.NotFound) throw err;
      // Every 微心愿 shares its item's name: the resident's own words say which one it was.
      const which = card.description.length > 20 ? `${card.description.slice(0, 20)}…` : card.description;
      const message =
        code === ErrorCode.Conflict
          ? `手慢了，心愿「${which}」已被其他人认领，看看其他心愿吧`
          : `心愿「${which}」已不在心愿墙上（可能已撤下或取消），看看其他心愿吧`;
      show({ ...wall, open: wall.open.filter((c) => c.orderId !== card.orderId) });
      setNotice(message);
      throw new CloudCallError(code, message);
    }
  };

  return (
    <AppPage className="wish">
      <Text className={wall.canAdopt ? 'wish__hint' : 'wish__hint wish__hint--warn'}>{wall.hint}</Text>

      {wall.mine.length > 0 ? (
        <View className="wish__section">
          <Text className="section-title">我认领的心愿（待送达）</Text>
          {wall.mine.map((c) => (
            <Card key={c.orderId} card={c}>
              <DeliverForm card={c} onDone={show} />
            </Card>
          ))}
        </View>
      ) : null}

      <View className="wish__section">
        <Text className="section-title">待认领的微心愿</Text>
        {/* Where the card was: the user is looking here when 认领 comes back refused. */}
        {notice ? <Text className="wish__notice">{notice}</Text> : null}
        {wall.open.length === 0 ? <StateView empty emptyText="心愿墙上暂时没有待认领的心愿，实践站上墙后会出现在这里" /> : null}
        {wall.open.map((c) => (
          <Card key={c.orderId} card={c}>
            {wall.canAdopt ? (
              <AsyncButton
                className="wish__button"
                confirm={{ title: '认领心愿', content: `认领「${c.itemName}」后请尽快送到居民手中。确定认领吗？`, confirmText: '确定认领' }}
                successToast="认领成功"
                onClick={() => adopt(c)}
              >
                认领
              </AsyncButton>
            ) : null}
          </Card>
        ))}
      </View>
    </AppPage>
  );
}
