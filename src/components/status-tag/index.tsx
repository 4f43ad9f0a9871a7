import { Text } from '@tarojs/components';
import { ORDER_STATE_LABELS, type OrderState, ORDER_STATE_TONE as TONE } from '@/domain/order/order.states';
import './index.scss';

export interface StatusTagProps {
  state: OrderState | string;
  /** Adds a 已超时 tag next to the state (催办). */
  overdue?: boolean;
  className?: string;
}

function isOrderState(state: string): state is OrderState {
  return Object.hasOwn(ORDER_STATE_LABELS, state);
}

/** The order state's label (exactly ORDER_STATE_LABELS) in its colour. */
export function StatusTag({ state, overdue, className }: StatusTagProps) {
  const known = isOrderState(state);
  const tone = known ? TONE[state] : 'stopped';
  return (
    <Text className={`status-tag-wrap ${className ?? ''}`}>
      <Text className={`status-tag status-tag--${tone}`}>{known ? ORDER_STATE_LABELS[state] : state}</Text>
      {overdue ? <Text className="status-tag status-tag--overdue">已超时</Text> : null}
    </Text>
  );
}
