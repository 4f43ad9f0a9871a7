/**
 * 志愿服务时长导出: a period's counted hours (confirmed 实时记录, approved 补录 / 更正) of the
 * caller's area as .xlsx, one row per ledger entry, with what 民政部令第67号 第5条 (the volunteer's
 * 姓名、证件号码、志愿者编号) and 第7条 (服务时间、服务内容、记录单位) list, so staff can enter
 * them into the national 志愿服务信息系统. Station staff export their community, institute
 * staff and admins their subdistrict. Real names are unsealed here: entering records under the
 * volunteer's registered name is the job this export is for. 证件号码 is not collected by this
 * product, so the column says 未登记 (the national system identifies the volunteer by name and number).
 */
import { HOURS_LEDGER, VOLUNTEER_PROFILES } from '../../database/collections';
import {
  chinaDate,
  counts,
  HOURS_KIND_LABELS,
  HOURS_SOURCE_LABELS,
  HOURS_STATUS_LABELS,
  type HoursEntry,
} from '../../src/domain/hours/hours.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { ExportFileView } from '../../src/domain/shared/export-file.views';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import { saveSpreadsheet } from '../kit/export-file';
import { openPii } from '../kit/pii-cipher';
import type { LoadedPrincipal } from '../kit/principal';
import { READ_PAGE, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { excelTime, type SheetColumn } from '../kit/xlsx';
import { volunteerNoOf } from './certificates';

/** At most this many ledger entries per file (a subdistrict's busy year fits); the page says when cut. */
export const HOURS_EXPORT_MAX_ROWS = 5000;
const YEAR = 366 * 24 * 3600_000;
const STATION = ['station_staff'];
const SUBDISTRICT = ['institute_staff', 'admin'];

interface Row {
  entry: HoursEntry;
  name: string;
  volunteerNo: string;
}

const COLUMNS: SheetColumn<Row>[] = [
  { header: '志愿者姓名', width: 12, value: (r) => r.name },
  { header: '证件号码', width: 20, value: () => '未登记' },
  { header: '志愿者编号', width: 14, value: (r) => r.volunteerNo },
  { header: '服务类型', width: 10, value: (r) => HOURS_SOURCE_LABELS[r.entry.source] },
  { header: '活动/服务名称', width: 28, value: (r) => r.entry.title },
  { header: '服务日期', width: 12, value: (r) => chinaDate(r.entry.startAt) },
  { header: '开始时间', width: 17, value: (r) => excelTime(r.entry.startAt), numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '结束时间', width: 17, value: (r) => excelTime(r.entry.endAt), numFmt: 'yyyy-mm-dd hh:mm' },
  { header: '服务地点', width: 28, value: (r) => r.entry.place },
  { header: '服务内容', width: 36, value: (r) => r.entry.content },
  { header: '服务时长（小时）', width: 10, value: (r) => r.entry.hours, numFmt: '0.0#' },
  { header: '记录方式', width: 10, value: (r) => HOURS_KIND_LABELS[r.entry.kind] },
  { header: '补录/更正原因', width: 24, value: (r) => r.entry.reason },
  { header: '状态', width: 8, value: (r) => HOURS_STATUS_LABELS[r.entry.status] },
  { header: '记录单位', width: 24, value: (r) => r.entry.recorder },
];

/** Ledger entries of these scopes whose service started in [from, to), oldest first, up to the cap + 1. */
async function entriesOf(field: 'communityId' | 'subdistrictId', scopes: string[], from: number, to: number): Promise<HoursEntry[]> {
  if (scopes.length === 0) return [];
  const _ = database().command;
  const out: HoursEntry[] = [];
  for (let skip = 0; out.length <= HOURS_EXPORT_MAX_ROWS; skip += READ_PAGE) {
    const page = await readList<HoursEntry>(
      database()
        .collection(HOURS_LEDGER)
        .where({ [field]: _.in(scopes), startAt: _.gte(from).and(_.lt(to)) })
        .orderBy('startAt', 'asc')
        .skip(skip)
        .limit(READ_PAGE),
    );
    out.push(...page);
    if (page.length < READ_PAGE) break;
  }
  return out;
}

/** Registered names, read 100 profiles at a time. */
async function namesOf(openids: string[]): Promise<Map<string, string>> {
  const _ = database().command;
  const names = new Map<string, string>();
  for (let i = 0; i < openids.length; i += 100) {
    const profiles = await readList<Pick<VolunteerProfile, '_id' | 'realNameSealed'>>(
      database()
        .collection(VOLUNTEER_PROFILES)
        .where({ _id: _.in(openids.slice(i, i + 100)) })
        .field({ _id: true, realNameSealed: true })
        .limit(100),
    );
    for (const p of profiles) if (p.realNameSealed) names.set(p._id, openPii(p.realNameSealed));
  }
  return names;
}

export async function exportHours(principal: LoadedPrincipal, input: { from: number; to: number }, now: number): Promise<ExportFileView> {
  const communities = principal.grants.filter((g) => STATION.includes(g.role)).map((g) => g.scopeId);
  const subdistricts = principal.grants.filter((g) => SUBDISTRICT.includes(g.role)).map((g) => g.scopeId);
  if (communities.length + subdistricts.length === 0)
    throw new DomainError(ErrorCode.Forbidden, '只有实践站、实践所工作人员可以导出服务时长');
  if (!(input.to > input.from)) throw new DomainError(ErrorCode.InvalidTransition, '结束日期须晚于开始日期');
  if (input.to - input.from > YEAR) throw new DomainError(ErrorCode.InvalidTransition, '一次最多导出一年的记录');
  const [a, b] = await Promise.all([
    entriesOf('communityId', communities, input.from, input.to),
    entriesOf('subdistrictId', subdistricts, input.from, input.to),
  ]);
  // Only hours that count: a pending, rejected or unconfirmed entry is not a service record yet.
  const all = [...new Map([...a, ...b].map((e) => [e._id, e])).values()]
    .filter(counts)
    .sort((x, y) => x.startAt - y.startAt || (x._id < y._id ? -1 : 1));
  const entries = all.slice(0, HOURS_EXPORT_MAX_ROWS);
  const names = await namesOf([...new Set(entries.map((e) => e.openid))]);
  const rows: Row[] = entries.map((entry) => ({
    entry,
    name: names.get(entry.openid) ?? entry.displayName,
    volunteerNo: volunteerNoOf(entry.openid),
  }));
  const period = `${chinaDate(input.from)}_${chinaDate(input.to - 1)}`;
  return saveSpreadsheet({
    area: 'hours',
    fileName: `志愿服务时长_${period}`,
    sheets: [
      {
        name: '志愿服务时长',
        title: `志愿服务时长记录（${chinaDate(input.from)} 至 ${chinaDate(input.to - 1)}，共 ${rows.length} 条）`,
        columns: COLUMNS,
        rows,
      },
    ],
    rowCount: rows.length,
    truncated: all.length > HOURS_EXPORT_MAX_ROWS || a.length > HOURS_EXPORT_MAX_ROWS || b.length > HOURS_EXPORT_MAX_ROWS,
    now,
  });
}
