import { requireActor } from '../../../server/kit/actor';
import { now } from '../../../server/kit/clock';
import { defineFunction } from '../../../server/kit/define-function';
import { loadPrincipal } from '../../../server/kit/principal';
import { createOrder } from '../../../server/order/create-order';
import { fire } from '../../../server/order/fire';
import { memberOrders, myOrders, orderDetail, pool, recommendTeams, staffQueue, teamInbox } from '../../../server/order/order-queries';
import { revealContact } from '../../../server/order/reveal-contact';
import { answering, orderForm, stationOrder, teamConsole, teamOrder } from '../../../server/order/screens';
import { exportQueue } from '../../../server/order/staff-queue';
import { sweepOrders } from '../../../server/order/timers';
import { wishWall } from '../../../server/order/wish-wall';
import { myPoints } from '../../../server/points/points-queries';
import { orderContract } from '../../../src/contracts/order.contract';

const principal = () => loadPrincipal(requireActor());

/** Orders (百姓点单 → 所(站)派单 → 队伍接单): placing, lists, detail, the state machine's events, rating. */
export const main = defineFunction(
  orderContract,
  {
    // Placing and the events read the caller themselves, folded into their other reads.
    create: async (input) => createOrder(requireActor(), input, now()),
    proxyCreate: async ({ residentOpenid, ...input }) => createOrder(requireActor(), input, now(), residentOpenid),
    mine: async (input) => myOrders(await principal(), input, now()),
    detail: async (input) => orderDetail(requireActor(), input, now()),
    queue: async (input) => staffQueue(await principal(), input, now()),
    exportQueue: async (input) => exportQueue(await principal(), input, now()),
    recommendTeams: async (input) => recommendTeams(await principal(), input),
    // Every event goes through `fire`, each through the one action the table's rule names (`via`).
    transition: async ({ view, queue, ...input }) =>
      answering(requireActor(), view, input.orderId, await fire(requireActor(), input, now()), now(), queue),
    assign: async ({ view, ...input }) =>
      answering(requireActor(), view, input.orderId, await fire(requireActor(), { ...input, event: 'assign' }, now()), now()),
    checkIn: async ({ view, ...input }) =>
      answering(requireActor(), view, input.orderId, await fire(requireActor(), { ...input, event: 'check_in' }, now()), now()),
    checkOut: async ({ view, ...input }) =>
      answering(requireActor(), view, input.orderId, await fire(requireActor(), { ...input, event: 'check_out' }, now()), now()),
    correctCheckOut: async ({ view, ...input }) =>
      answering(requireActor(), view, input.orderId, await fire(requireActor(), { ...input, event: 'correct_check_out' }, now()), now()),
    complete: async ({ view, ...input }) =>
      answering(requireActor(), view, input.orderId, await fire(requireActor(), { ...input, event: 'complete' }, now()), now()),
    // 回头看: "solved" is `follow_up`; "not solved" reopens the order.
    followUp: async ({ solved, view, ...input }) =>
      answering(
        requireActor(),
        view,
        input.orderId,
        await fire(requireActor(), solved ? { ...input, event: 'follow_up' } : { ...input, event: 'reopen', answersFollowUp: true }, now()),
        now(),
      ),
    pointsMine: async (input) => myPoints(await principal(), input),
    rate: async ({ view, ...input }) =>
      answering(requireActor(), view, input.orderId, await fire(requireActor(), { ...input, event: 'rate' }, now()), now()),
    // 心愿墙: the wall in one call; 已送达 answers it updated.
    wishWall: async () => wishWall(requireActor()),
    deliver: async (input) => ({
      ...(await fire(requireActor(), { ...input, event: 'deliver' }, now())),
      wall: await wishWall(requireActor()),
    }),
    pool: async () => pool(await principal(), now()),
    inbox: async (input) => teamInbox(await principal(), input, now()),
    memberOrders: async (input) => memberOrders(await principal(), input, now()),
    revealContact: async (input) => revealContact(await principal(), input, now()),
    // One call per screen (issue #17): composed from the use cases above.
    form: async (input) => orderForm(requireActor(), input),
    teamOrder: async (input) => teamOrder(requireActor(), input, now()),
    teamConsole: async (input) => teamConsole(requireActor(), input, now()),
    stationOrder: async (input) => stationOrder(requireActor(), input, now()),
  },
  { timer: { run: () => sweepOrders(now()), failure: '超时检查失败' } },
);
