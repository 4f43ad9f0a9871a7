import { CATALOG_CATEGORIES } from '../../database/collections';
import type { CatalogCategory } from '../../src/domain/catalog/catalog.types';
import { clampPageSize } from '../../src/domain/order/order.rules';
import { AWAITING_TAKE_STATES, ORDER_STATE_LABELS, type OrderState, WORK_IN_HAND_STATES } from '../../src/domain/order/order.states';
import type { OrderDoc } from '../../src/domain/order/order.types';
import type { OrderSummary, QueueBoard, QueuePage } from '../../src/domain/order/order.views';
import { deadlineCountdown, parseQueueSearch, type QueueSearch } from '../../src/domain/order/queue-search';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { ExportFileView } from '../../src/domain/shared/export-file.views';
import { saveSpreadsheet } from '../kit/export-file';
import type { LoadedPrincipal } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { excelTime } from '../kit/xlsx';
import { childrenOf } from '../org/org-units';
import { HEAVY_FIELDS, ORDERS } from './order-store';
import { summaryOf } from './order-views';
import { nameKeyOf, phoneKeyOf, phoneTailKeyOf } from './search-keys';

const STAFF_ROLES = ['station_staff', 'institute_staff', 'admin'];
/** Rows one export writes at most (the 派单台 of one subdistrict holds far fewer open orders). */
export const QUEUE_EXPORT_CAP = 2000;

export interface QueueFilter {
  status?: OrderState;
  categoryId?: string;
  estateId?: string;
  overdueOnly?: boolean;
  /** Phone (11 digits or the last 4), the resident's full name, or the order number. */
  q?: string;
  /** Ordered (下单) at or after `from`, before `to`. */
  from?: number;
  to?: number;
}

interface Scope {
  subdistricts: string[];
  communities: string[];
}

function scopeOf(principal: LoadedPrincipal): Scope {
  const grants = principal.grants.filter((g) => STAFF_ROLES.includes(g.role));
  if (grants.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有实践站、实践所工作人员可以查看待办订单');
  return {
    subdistricts: grants.filter((g) => g.role !== 'station_staff').map((g) => g.scopeId),
    communities: grants.filter((g) => g.role === 'station_staff').map((g) => g.scopeId),
  };
}

/**
 * The query of the queue with its filters. Institute staff (and admins) see their whole subdistrict;
 * station staff their community's orders still at station level, or, when they search, any of their
 * community's orders (an escalated one too: they still answer the resident's call about it).
 */
function whereOf(scope: Scope, input: QueueFilter): { where: Record<string, unknown>; search: QueueSearch | null } {
  const _ = database().command;
  let search: QueueSearch | null = null;
  if (input.q?.trim()) {
    const parsed = parseQueueSearch(input.q);
    if ('problem' in parsed) throw new DomainError(ErrorCode.InputInvalid, parsed.problem);
    search = parsed;
  }
  if (input.from !== undefined && input.to !== undefined && input.to <= input.from) {
    throw new DomainError(ErrorCode.InputInvalid, '结束日期要晚于开始日期');
  }
  const where: Record<string, unknown> =
    scope.subdistricts.length > 0
      ? { subdistrictId: _.in(scope.subdistricts) }
      : search
        ? { communityId: _.in(scope.communities) }
        : { communityId: _.in(scope.communities), level: 'station' };
  // A search looks through every state unless one is chosen; the plain queue shows what nobody has taken yet.
  if (input.status) where.state = input.status;
  else if (!search) where.state = _.in([...AWAITING_TAKE_STATES]);
  if (search?.kind === 'orderId') where._id = search.orderId;
  if (search?.kind === 'phone') where.phoneKey = phoneKeyOf(search.phone);
  if (search?.kind === 'phoneTail') where.phoneTailKey = phoneTailKeyOf(search.tail);
  if (search?.kind === 'name') where.nameKey = nameKeyOf(search.name);
  if (input.categoryId) where.categoryId = input.categoryId;
  if (input.estateId) where.estateId = input.estateId;
  if (input.overdueOnly) where.overdue = true;
  if (input.from !== undefined && input.to !== undefined) where.createdAt = _.and(_.gte(input.from), _.lt(input.to));
  else if (input.from !== undefined) where.createdAt = _.gte(input.from);
  else if (input.to !== undefined) where.createdAt = _.lt(input.to);
  return { where, search };
}

async function readPage(where: Record<string, unknown>, cursor: string | undefined, size: number): Promise<OrderDoc[]> {
  const _ = database().command;
  return readList<OrderDoc>(
    database()
      .collection(ORDERS)
      .where(cursor ? { ...where, queueKey: _.gt(cursor) } : where)
      .field(HEAVY_FIELDS)
      .orderBy('queueKey', 'asc')
      .limit(size),
  );
}

/** Categories, the estates of the caller's scope, and the work in hand per state: the 派单台's board. */
async function boardOf(scope: Scope): Promise<QueueBoard> {
  const _ = database().command;
  const $ = _.aggregate;
  const scoped =
    scope.subdistricts.length > 0
      ? { subdistrictId: _.in(scope.subdistricts) }
      : { communityId: _.in(scope.communities), level: 'station' };
  const estatesOf = async () => {
    const communities = scope.subdistricts.length > 0 ? await childrenOf(scope.subdistricts) : [];
    const communityIds = scope.subdistricts.length > 0 ? communities.map((c) => c._id) : scope.communities;
    const names = new Map(communities.map((c) => [c._id, c.name]));
    const estates = (await childrenOf(communityIds)).filter((u) => u.kind === 'estate');
    const several = communityIds.length > 1;
    return estates.map((e) => ({
      id: e._id,
      name: several && names.get(e.parentId ?? '') ? `${names.get(e.parentId ?? '')} ${e.name}` : e.name,
    }));
  };
  const [categories, estates, grouped, overdue] = await Promise.all([
    readList<CatalogCategory>(
      database()
        .collection(CATALOG_CATEGORIES)
        .where({ order: _.gte(0) })
        .orderBy('order', 'asc')
        .limit(100),
    ),
    estatesOf(),
    database()
      .collection(ORDERS)
      .aggregate()
      .match({ ...scoped, state: _.in([...WORK_IN_HAND_STATES]) })
      .group({ _id: '$state', n: $.sum(1) })
      .end() as Promise<{ list: { _id: OrderState; n: number }[] }>,
    database()
      .collection(ORDERS)
      .where({ ...scoped, state: _.in([...AWAITING_TAKE_STATES]), overdue: true })
      .count() as Promise<{ total: number }>,
  ]);
  const counts: Partial<Record<OrderState, number>> = {};
  for (const row of grouped.list) counts[row._id] = row.n;
  return { categories: categories.map((c) => ({ id: c._id, name: c.name })), estates, counts, overdue: overdue.total };
}

/**
 * The 派单台 (staff work queue): overdue first, then oldest (the stored `queueKey`), filtered by
 * state, category, estate, 超时, the date ordered, and found by phone, name or order number.
 * With `board` (the screen's first call) it also answers the filter choices and the work counts,
 * so the screen opens with this one call.
 */
export async function staffQueue(
  principal: LoadedPrincipal,
  input: QueueFilter & { cursor?: string; pageSize?: number; board?: boolean },
  now: number,
): Promise<QueuePage> {
  const scope = scopeOf(principal);
  const { where, search } = whereOf(scope, input);
  const size = clampPageSize(input.pageSize);
  const [rows, board] = await Promise.all([
    readPage(where, input.cursor, size + 1),
    input.board && !input.cursor ? boardOf(scope) : Promise.resolve(undefined),
  ]);
  const items = rows.slice(0, size);
  const last = items[items.length - 1];
  const page: QueuePage = { items: items.map((o) => summaryOf(o, now)), nextCursor: rows.length > size && last ? last.queueKey : null };
  if (board) page.board = board;
  if (search) page.searchedAs = search.kind;
  return page;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const dayText = (ms: number) => {
  const d = new Date(ms + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
};

/** 导出 Excel of the queue as filtered on screen: every matching order (up to the cap), one row each. */
export async function exportQueue(principal: LoadedPrincipal, input: QueueFilter, now: number): Promise<ExportFileView> {
  const scope = scopeOf(principal);
  const { where } = whereOf(scope, input);
  const rows: OrderDoc[] = [];
  let cursor: string | undefined;
  while (rows.length <= QUEUE_EXPORT_CAP) {
    const page = await readPage(where, cursor, 1000);
    rows.push(...page);
    if (page.length < 1000) break;
    cursor = page[page.length - 1]?.queueKey;
  }
  const truncated = rows.length > QUEUE_EXPORT_CAP;
  const kept = rows.slice(0, QUEUE_EXPORT_CAP).map((o) => ({ doc: o, view: summaryOf(o, now) }));
  type Row = { doc: OrderDoc; view: OrderSummary };
  const period =
    input.from !== undefined || input.to !== undefined
      ? `${input.from ? dayText(input.from) : '…'}_${input.to ? dayText(input.to - 1) : '…'}`
      : dayText(now);
  return saveSpreadsheet({
    area: 'order-queue',
    fileName: `派单台订单_${period}`,
    rowCount: kept.length,
    truncated,
    now,
    sheets: [
      {
        name: '订单',
        title: `派单台订单（导出于 ${dayText(now)}${input.status ? `，${ORDER_STATE_LABELS[input.status]}` : ''}${input.q ? `，搜索“${input.q.trim().slice(0, 20)}”` : ''}）`,
        columns: [
          { header: '订单号', width: 24, value: (r: Row) => r.doc._id },
          { header: '服务项目', width: 16, value: (r: Row) => r.doc.itemName },
          { header: '分类', width: 12, value: (r: Row) => r.doc.categoryName },
          { header: '状态', width: 10, value: (r: Row) => ORDER_STATE_LABELS[r.doc.state] },
          { header: '期限', width: 20, value: (r: Row) => deadlineCountdown(r.view, now)?.text ?? '' },
          { header: '地址', width: 32, value: (r: Row) => r.doc.addressText },
          { header: '联系电话', width: 14, value: (r: Row) => r.doc.contactPhoneMasked },
          { header: '需求描述', width: 40, value: (r: Row) => r.doc.description },
          { header: '服务队', width: 16, value: (r: Row) => r.doc.teamName },
          { header: '期望服务时间', width: 18, numFmt: 'yyyy-mm-dd hh:mm', value: (r: Row) => excelTime(r.doc.preferredWindow.start) },
          { header: '下单时间', width: 18, numFmt: 'yyyy-mm-dd hh:mm', value: (r: Row) => excelTime(r.doc.createdAt) },
          { header: '代点单', width: 8, value: (r: Row) => (r.doc.proxy ? '是' : '否') },
          { header: '已上报实践所', width: 12, value: (r: Row) => (r.doc.level === 'institute' ? '是' : '否') },
        ],
        rows: kept,
      },
    ],
  });
}
