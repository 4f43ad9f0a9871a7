import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { StatusTag } from '@/components/status-tag';
import type { OrderSummary } from '../../station/shared/types';
import './order-row.scss';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 3月5日 09:00–11:00 */
export function windowText(w: { start: number; end: number }): string {
  const s = new Date(w.start);
  const e = new Date(w.end);
  const day = (d: Date) => `${d.getMonth() + 1}月${d.getDate()}日`;
  const time = (d: Date) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  return s.toDateString() === e.toDateString() ? `${day(s)} ${time(s)}–${time(e)}` : `${day(s)} ${time(s)} – ${day(e)} ${time(e)}`;
}

/** One team order in a list: item, state, what, where, when; `children` are its buttons. */
export function OrderRow({ order, onClick, children }: { order: OrderSummary; onClick?: () => void; children?: ReactNode }) {
  return (
    <View className="order-row">
      <View className="order-row__main" hoverClass="order-row__main--active" onClick={onClick}>
        <View className="order-row__head">
          <Text className="order-row__title">{order.itemName}</Text>
          <StatusTag state={order.state} overdue={order.overdue} />
        </View>
        <Text className="order-row__desc">{order.description}</Text>
        <Text className="order-row__meta">{order.addressText}</Text>
        <Text className="order-row__meta">期望时间：{windowText(order.preferredWindow)}</Text>
        {order.teamName ? <Text className="order-row__meta">服务队伍：{order.teamName}</Text> : null}
      </View>
      {children ? <View className="order-row__actions">{children}</View> : null}
    </View>
  );
}
