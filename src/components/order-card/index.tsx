import { Text, View } from '@tarojs/components';
import type { TimeWindow } from '@/domain/order/order.types';
import type { OrderSummary } from '@/domain/order/order.views';
import { StatusTag } from '../status-tag';
import { formatDateTime } from '../timeline';
import './index.scss';

const pad = (n: number) => String(n).padStart(2, '0');

/** 3月5日 09:00–11:00 (same day) or 3月5日 09:00 – 3月6日 11:00: every screen's 期望时间. */
export function formatWindow(w: TimeWindow): string {
  const s = new Date(w.start);
  const e = new Date(w.end);
  const day = (d: Date) => `${d.getMonth() + 1}月${d.getDate()}日`;
  const time = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return s.toDateString() === e.toDateString() ? `${day(s)} ${time(s)}–${time(e)}` : `${day(s)} ${time(s)} – ${day(e)} ${time(e)}`;
}

export interface OrderCardProps {
  order: OrderSummary;
  onClick?: () => void;
}

/** One order in a list: item, state, what, when, where. */
export function OrderCard({ order, onClick }: OrderCardProps) {
  return (
    <View className="order-card" hoverClass="order-card--active" onClick={onClick}>
      <View className="order-card__head">
        <Text className="order-card__title">{order.itemName}</Text>
        <StatusTag state={order.state} overdue={order.overdue} />
      </View>
      <Text className="order-card__desc">{order.description}</Text>
      <Text className="order-card__meta">期望时间：{formatWindow(order.preferredWindow)}</Text>
      {order.teamName ? <Text className="order-card__meta">服务队伍：{order.teamName}</Text> : null}
      <Text className="order-card__meta">
        {order.proxy ? '代点单 · ' : ''}下单于 {formatDateTime(order.createdAt)}
      </Text>
    </View>
  );
}
