import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { formatWindow } from '@/components/order-card';
import { StatusTag } from '@/components/status-tag';
import type { OrderSummary } from '@/domain/order/order.views';
import './order-row.scss';

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
        <Text className="order-row__meta">期望时间：{formatWindow(order.preferredWindow)}</Text>
        {order.teamName ? <Text className="order-row__meta">服务队伍：{order.teamName}</Text> : null}
      </View>
      {children ? <View className="order-row__actions">{children}</View> : null}
    </View>
  );
}
