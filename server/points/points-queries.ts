import { counts, HOURS_KIND_LABELS, HOURS_SOURCE_LABELS, HOURS_STATUS_LABELS, summarise } from '../../src/domain/hours/hours.rules';
import { POINTS_RULE, pointsForHours } from '../../src/domain/points/points.rules';
import type { MyPoints, PointsEntry } from '../../src/domain/points/points.views';
import { ledgerOf } from '../hours/ledger';
import { now } from '../kit/clock';
import type { LoadedPrincipal } from '../kit/principal';

export type { MyPoints, PointsEntry };

const PAGE = 20;

/**
 * 我的积分, from THE hours ledger (orders and activities alike) and nothing else: the balance is
 * the published rule applied to each counted entry (confirmed, or a 补录 / 更正 staff approved),
 * the same sum 我的服务记录 shows; entries waiting for approval are listed at 0 points until
 * approved. One read (the volunteer's entries, newest first); the history pages through it.
 */
export async function myPoints(principal: LoadedPrincipal, input: { cursor?: string }): Promise<MyPoints> {
  const entries = await ledgerOf(principal.openid);
  const summary = summarise(entries, now());
  const after = input.cursor ? entries.filter((e) => e.sortKey < (input.cursor as string)) : entries;
  const page = after.slice(0, PAGE);
  return {
    balance: summary.points,
    totalHours: summary.totalHours,
    rule: POINTS_RULE,
    items: page.map((e) => {
      const counted = counts(e);
      return {
        key: e.key,
        source: e.source,
        sourceId: e.sourceId,
        orderId: e.source === 'order' ? e.sourceId : '',
        itemName: e.title,
        reason: 'service_hours',
        reasonLabel: `${HOURS_SOURCE_LABELS[e.source]}${e.kind === 'live' ? '' : `·${HOURS_KIND_LABELS[e.kind]}`}`,
        statusLabel: counted ? '' : HOURS_STATUS_LABELS[e.status],
        hours: e.hours,
        points: counted ? pointsForHours(e.hours) : 0,
        at: e.at,
      };
    }),
    nextCursor: after.length > PAGE ? (page[page.length - 1]?.sortKey ?? null) : null,
  };
}
