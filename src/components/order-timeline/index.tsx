import { Text, View } from '@tarojs/components';
import type { TimelineEntry } from '@/domain/order/order.views';
import { Timeline } from '../timeline';
import './index.scss';

/** 订单进度: an order's timeline as every detail page (resident, 派单台, 接单) shows it, newest first. */
export function OrderTimelineCard({ timeline }: { timeline: readonly TimelineEntry[] }) {
  return (
    <View className="card">
      <Text className="section-title order-timeline__title">订单进度</Text>
      <Timeline
        entries={timeline.map((e) => ({
          key: String(e.seq),
          title: `${e.label} · ${e.toLabel}`,
          time: e.at,
          actor: [e.actorLabel, e.teamName].filter(Boolean).join(' · '),
          note: e.note,
        }))}
      />
    </View>
  );
}
