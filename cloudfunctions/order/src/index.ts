import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { createOrder } from '../../../server/order/create-order';
import { sweepDeadlines } from '../../../server/order/deadline-sweep';
import { memberOrders, myOrders, orderDetail, pool, recommendTeams, staffQueue, teamInbox } from '../../../server/order/order-queries';
import { rateOrder, transitionOrder } from '../../../server/order/transition-order';
import { myPoints } from '../../../server/points/points-queries';
import { assignMembers } from '../../../server/service/assign-members';
import { sweepClosing } from '../../../server/service/closing-sweep';
import { answerFollowUp } from '../../../server/service/follow-up';
import { checkIn, checkOut, completeService, correctCheckOut } from '../../../server/service/service-sessions';
import { orderContract } from '../../../src/contracts/order.contract';

const principal = () => loadPrincipal(requireActor());

/** Timer `deadlines`: overdue returns and escalations, 催办 flags, closing after the rating window. */
async function sweep() {
  const deadlines = await sweepDeadlines(now());
  const closing = await sweepClosing(now());
  return { ...deadlines, ...closing };
}

/** Orders (百姓点单 → 所(站)派单 → 队伍接单): placing, lists, detail, the state machine's events, rating. */
export const main = defineFunction(
  orderContract,
  {
    create: async (input) => createOrder(await principal(), input, now()),
    proxyCreate: async ({ residentOpenid, ...input }) => createOrder(await principal(), input, now(), residentOpenid),
    mine: async (input) => myOrders(await principal(), input, now()),
    detail: async (input) => orderDetail(await principal(), input, now()),
    queue: async (input) => staffQueue(await principal(), input, now()),
    recommendTeams: async (input) => recommendTeams(await principal(), input),
    transition: async (input) => {
      // Service events carry hours and points: same use cases as their own actions (no code → leader confirms).
      const { event, note: _note, teamId: _team, ...rest } = input;
      if (event === 'check_in') return checkIn(await principal(), rest, now());
      if (event === 'check_out') return checkOut(await principal(), rest, now());
      if (event === 'complete') return completeService(await principal(), { ...rest, summary: input.note }, now());
      return transitionOrder(await principal(), input, now());
    },
    assign: async (input) => assignMembers(await principal(), input, now()),
    checkIn: async (input) => checkIn(await principal(), input, now()),
    checkOut: async (input) => checkOut(await principal(), input, now()),
    correctCheckOut: async (input) => correctCheckOut(await principal(), input, now()),
    complete: async (input) => completeService(await principal(), input, now()),
    followUp: async (input) => answerFollowUp(await principal(), input, now()),
    pointsMine: async (input) => myPoints(await principal(), input),
    rate: async (input) => rateOrder(await principal(), input, now()),
    pool: async () => pool(await principal(), now()),
    inbox: async (input) => teamInbox(await principal(), input, now()),
    memberOrders: async (input) => memberOrders(await principal(), input, now()),
  },
  { timer: { run: sweep, failure: '超时检查失败' } },
);
