/**
 * Compiled by `tsc` in `npm test`, never run: each event of the order state machine has exactly
 * one action (the table's `via`), and the detail tells the page who the caller is.
 */
import { orderFn } from '@/contracts';
import { callCloud } from '@/services/cloud';

export async function orderEventsHaveOneAction(): Promise<boolean> {
  // @ts-expect-error 签到 has its own action, not `transition`
  await callCloud(orderFn, 'transition', { orderId: 'o1', event: 'check_in' });
  // @ts-expect-error 签退 has its own action, not `transition`
  await callCloud(orderFn, 'transition', { orderId: 'o1', event: 'check_out' });
  // @ts-expect-error 完成服务 has its own action, not `transition`
  await callCloud(orderFn, 'transition', { orderId: 'o1', event: 'complete' });
  // @ts-expect-error only the timer fires expire
  await callCloud(orderFn, 'transition', { orderId: 'o1', event: 'expire' });
  await callCloud(orderFn, 'checkIn', { orderId: 'o1' });
  await callCloud(orderFn, 'transition', { orderId: 'o1', event: 'take' });

  const detail = await callCloud(orderFn, 'detail', { orderId: 'o1' });
  // @ts-expect-error the caller's parties are `caller`, not guessed from buttons
  detail.isLeader;
  return detail.caller.teamLeader || detail.caller.station || detail.caller.parties.includes('requester');
}
