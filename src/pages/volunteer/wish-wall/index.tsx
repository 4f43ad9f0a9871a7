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
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
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
  if (state.status !== 'ready') {
    return (
      <AppPage className="wish">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const wall = state.data;
  return (
    <AppPage className="wish">
      <Text className={wall.canAdopt ? 'wish__hint' : 'wish__hint wish__hint--warn'}>{wall.hint}</Text>

      {wall.mine.length > 0 ? (
        <View className="wish__section">
          <Text className="section-title">我认领的心愿（待送达）</Text>
          {wall.mine.map((c) => (
            <Card key={c.orderId} card={c}>
              <DeliverForm card={c} onDone={(data) => setState({ status: 'ready', data })} />
            </Card>
          ))}
        </View>
      ) : null}

      <View className="wish__section">
        <Text className="section-title">待认领的微心愿</Text>
        {wall.open.length === 0 ? <StateView empty emptyText="心愿墙上暂时没有待认领的心愿，实践站上墙后会出现在这里" /> : null}
        {wall.open.map((c) => (
          <Card key={c.orderId} card={c}>
            {wall.canAdopt ? (
              <AsyncButton
                className="wish__button"
                confirm={{ title: '认领心愿', content: `认领「${c.itemName}」后请尽快送到居民手中。确定认领吗？`, confirmText: '确定认领' }}
                successToast="认领成功"
                onClick={async () => {
                  try {
                    await callCloud(orderFn, 'transition', { orderId: c.orderId, event: 'adopt', expectedVersion: c.version });
                  } finally {
                    // Won or lost the race (手慢了): the wall as it is now.
                    void reload(true);
                  }
                }}
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
