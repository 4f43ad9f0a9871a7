/**
 * 问题台账 to Excel: the same filter and scope as the screen, every matching problem (newest first,
 * at most LEDGER_EXPORT_MAX_ROWS), read in pages of READ_PAGE through the 台账's index, with the
 * columns the 街道's reports use.
 *
 * 上报人 is the stored masked name (张*) with the reporter's capacity: the file leaves the system
 * (forwarded, printed, mailed upward), and nobody reading it needs a resident's full name; staff
 * who must reach the reporter open the problem in the app.
 */
import { PROBLEM_EVENTS, USERS } from '../../database/collections';
import type { UserProfile } from '../../src/domain/identity/role';
import { dayWindow, LEDGER_EXPORT_HEADERS, LEDGER_EXPORT_MAX_ROWS, ledgerTitle } from '../../src/domain/problem/ledger.views';
import { chinaDay, DAY_MS } from '../../src/domain/problem/problem.rules';
import { LEDGER_TABS, PROBLEM_STATE_LABELS } from '../../src/domain/problem/problem.states';
import type { ProblemDoc, ProblemEventDoc, ReporterKind } from '../../src/domain/problem/problem.types';
import type { ExportFileView } from '../../src/domain/shared/export-file.views';
import { saveSpreadsheet } from '../kit/export-file';
import type { LoadedPrincipal } from '../kit/principal';
import { READ_PAGE, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { excelTime, type SheetColumn } from '../kit/xlsx';
import { checkFilter, type LedgerFilter, ledgerRows, ledgerScope } from './ledger';
import { categoriesOf, findUnits } from './problem-store';
import { placeLabelOf } from './problem-views';

const REPORTER_KIND_LABELS: Readonly<Record<ReporterKind, string>> = {
  resident: '居民',
  building_head: '楼栋长',
  volunteer: '志愿者',
  staff: '工作人员',
};

/** The events that name a 核查人: the last of them on a problem is who checked it. */
const CHECK_EVENTS = ['verify_pass', 'verify_fail', 'self_fix'] as const;
/** Problems per timeline read: most have one or two check events, so a read mostly stays under READ_PAGE (else it splits). */
const CHECK_CHUNK = 400;

/** Rows one time slice aims at; the first slice is a week, the next ones follow the density found. */
const SLICE_ROWS = 800;
const FIRST_SLICE_MS = 7 * DAY_MS;
const MAX_SLICE_MS = 366 * DAY_MS;
/** What the file shows, and what the read needs besides (the rest of a problem stays in the database). */
const EXPORT_FIELDS: Record<string, true> = Object.fromEntries(
  [
    '_id',
    'no',
    'sortKey',
    'createdAt',
    'reporterName',
    'reporterKind',
    'estateName',
    'buildingName',
    'placeText',
    'categoryName',
    'description',
    'selfFixed',
    'unitNames',
    'deadlineAt',
    'state',
    'fixedAt',
    'closedAt',
    'overdueLevel',
    'reworkCount',
    'relapseCount',
  ].map((f) => [f, true]),
);

interface LedgerRow {
  p: ProblemDoc;
  checker: string;
  overdue: boolean;
}

const TIME = 'yyyy-mm-dd hh:mm';

const COLUMNS: SheetColumn<LedgerRow>[] = [
  { header: '编号', width: 18, value: (r) => r.p.no },
  { header: '上报时间', width: 17, numFmt: TIME, value: (r) => excelTime(r.p.createdAt) },
  {
    header: '上报人',
    width: 14,
    value: (r) => `${r.p.reporterName || '（未留名）'}（${REPORTER_KIND_LABELS[r.p.reporterKind] ?? '居民'}）`,
  },
  { header: '位置', width: 30, value: (r) => placeLabelOf(r.p) },
  { header: '类别', width: 12, value: (r) => r.p.categoryName },
  { header: '描述', width: 40, value: (r) => r.p.description },
  { header: '处置单位', width: 26, value: (r) => (r.p.selfFixed ? '自查自处' : r.p.unitNames.join('、')) },
  { header: '期限', width: 17, numFmt: TIME, value: (r) => excelTime(r.p.deadlineAt) },
  { header: '状态', width: 10, value: (r) => PROBLEM_STATE_LABELS[r.p.state] },
  { header: '处置时间', width: 17, numFmt: TIME, value: (r) => excelTime(r.p.fixedAt) },
  { header: '核查人', width: 18, value: (r) => r.checker },
  { header: '是否超期', width: 10, value: (r) => (r.overdue ? '是' : '否') },
  { header: '返工次数', width: 10, value: (r) => r.p.reworkCount },
];

/**
 * Overdue as a report counts it: still with a unit past the deadline, or fixed after it (a problem
 * fixed late stays 超期 in the 台账 after 销号).
 */
export function wasOverdue(p: Pick<ProblemDoc, 'state' | 'deadlineAt' | 'fixedAt' | 'overdueLevel'>, now: number): boolean {
  if (p.deadlineAt === null) return false;
  if (p.overdueLevel > 0) return true;
  if (p.state === 'dispatched') return p.deadlineAt < now;
  return p.fixedAt !== null && p.fixedAt > p.deadlineAt;
}

/** 核查人 of each problem that was ever checked: the last check's capacity and masked name. */
async function checkersOf(problems: readonly ProblemDoc[]): Promise<Map<string, string>> {
  const checked = problems.filter((p) => p.selfFixed || p.closedAt !== null || p.reworkCount > 0 || p.relapseCount > 0).map((p) => p._id);
  const out = new Map<string, string>();
  if (checked.length === 0) return out;
  const _ = database().command;
  const last = new Map<string, ProblemEventDoc>();
  const read = async (ids: string[]): Promise<void> => {
    const events = await readList<ProblemEventDoc>(
      database()
        .collection(PROBLEM_EVENTS)
        .where({ problemId: _.in(ids), event: _.in([...CHECK_EVENTS]) })
        .limit(READ_PAGE),
    );
    // A full read may have left some out (many 返工 on these problems): read the halves instead.
    if (events.length >= READ_PAGE && ids.length > 1) {
      await read(ids.slice(0, ids.length >> 1));
      await read(ids.slice(ids.length >> 1));
      return;
    }
    for (const e of events) {
      const seen = last.get(e.problemId);
      if (!seen || seen.seq < e.seq) last.set(e.problemId, e);
    }
  };
  for (let i = 0; i < checked.length; i += CHECK_CHUNK) await read(checked.slice(i, i + CHECK_CHUNK));
  const people = [...new Set([...last.values()].map((e) => e.byOpenid))];
  const names = new Map<string, string>();
  for (let i = 0; i < people.length; i += READ_PAGE) {
    const users = await readList<Pick<UserProfile, '_id' | 'displayName'>>(
      database()
        .collection(USERS)
        .where({ _id: _.in(people.slice(i, i + READ_PAGE)) })
        .field({ _id: true, displayName: true })
        .limit(READ_PAGE),
    );
    for (const u of users) names.set(u._id, u.displayName);
  }
  for (const [problemId, e] of last) out.set(problemId, [e.actorLabel, names.get(e.byOpenid) ?? ''].filter(Boolean).join(' '));
  return out;
}

/** The filters besides scope and period, for the title line. */
async function filterLabels(subdistrictId: string, filter: LedgerFilter): Promise<string[]> {
  const labels: string[] = [];
  const tab = LEDGER_TABS.find((t) => t.key === filter.tab);
  if (filter.overdueOnly) labels.push('只看超期');
  else if (tab) labels.push(tab.label);
  if (filter.categoryId) {
    const c = (await categoriesOf(subdistrictId)).find((x) => x._id === filter.categoryId);
    if (c) labels.push(c.name);
  }
  if (filter.unitId) {
    const [u] = await findUnits([filter.unitId]);
    if (u) labels.push(u.name);
  }
  return labels;
}

/** 导出 Excel: the 台账 of the filter as an .xlsx in cloud storage, answered as a signed link. */
export async function exportLedger(principal: LoadedPrincipal, filter: LedgerFilter, now: number): Promise<ExportFileView> {
  const scope = await ledgerScope(principal);
  await checkFilter(scope, filter);
  const rows: LedgerRow[] = [];
  // Newest first, in slices of reported-at time sized to about SLICE_ROWS each (from the density so
  // far): every read is then a narrow range of the index, not "everything older than the cursor".
  const window = dayWindow(filter.fromDay, filter.toDay);
  let upper = window.to ?? now + 1;
  let width = FIRST_SLICE_MS;
  // Without a first day: once a widest slice finds nothing, one unbounded read takes whatever is older.
  let emptyWide = false;
  while (rows.length <= LEDGER_EXPORT_MAX_ROWS) {
    const unbounded = window.from === null && emptyWide;
    const lower = unbounded ? 0 : Math.max(window.from ?? 0, upper - width);
    let cursor: string | undefined;
    let got = 0;
    for (;;) {
      // One more row than the cap tells whether the file is cut; a read answers at most READ_PAGE.
      const want = Math.min(READ_PAGE - 1, LEDGER_EXPORT_MAX_ROWS + 1 - rows.length);
      const page = await ledgerRows(scope, { ...filter, fromMs: lower, toMs: upper }, cursor, want, now, EXPORT_FIELDS);
      const checkers = await checkersOf(page.rows);
      for (const p of page.rows) rows.push({ p, checker: checkers.get(p._id) ?? '', overdue: wasOverdue(p, now) });
      got += page.rows.length;
      if (!page.nextCursor || rows.length > LEDGER_EXPORT_MAX_ROWS) break;
      cursor = page.nextCursor;
    }
    if (unbounded || lower <= 0 || (window.from !== null && lower <= window.from)) break;
    emptyWide = got === 0 && width >= MAX_SLICE_MS;
    upper = lower;
    width = Math.min(MAX_SLICE_MS, Math.max(DAY_MS, width * Math.min(16, SLICE_ROWS / Math.max(1, got))));
  }
  const truncated = rows.length > LEDGER_EXPORT_MAX_ROWS;
  if (truncated) rows.length = LEDGER_EXPORT_MAX_ROWS;
  const labels = await filterLabels(scope.subdistrictId, filter);
  const estate = filter.estateId ? rows[0]?.p.estateName : undefined;
  const title = ledgerTitle(scope.label, filter.fromDay, filter.toDay, estate ? [estate, ...labels] : labels);
  const period = filter.fromDay || filter.toDay ? `${filter.fromDay ?? ''}_${filter.toDay ?? chinaDay(now)}` : chinaDay(now);
  return saveSpreadsheet({
    area: 'problem-ledger',
    fileName: `问题台账_${scope.label}_${period}`,
    sheets: [
      {
        name: '问题台账',
        title: truncated ? `${title} · 仅前 ${LEDGER_EXPORT_MAX_ROWS} 条，请缩小筛选范围` : title,
        columns: COLUMNS,
        rows,
      },
    ],
    rowCount: rows.length,
    truncated,
    now,
  });
}

/** The header row the file carries, for tests and docs (kept beside the columns it must match). */
export const EXPORT_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);
if (EXPORT_HEADERS.join() !== LEDGER_EXPORT_HEADERS.join()) throw new Error('ledger export columns differ from LEDGER_EXPORT_HEADERS');
