/**
 * 志愿服务记录证明 (民政部令第67号 第15、17条): a volunteer asks for a period, staff of the area
 * where they registered issue it. Issuing freezes the content from the hours ledger (confirmed
 * and approved entries only) with a 证明编号 and an 8-character 核验码; `verify` answers exactly
 * that frozen content for the right (number, code) and "not found" for anything else.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { HOURS_CERTIFICATES, ORG_UNITS, VOLUNTEER_PROFILES } from '../../database/collections';
import type {
  CertificateRequestRow,
  CertificateStatus,
  CertificateSummary,
  CertificateView,
  VerifyAnswer,
} from '../../src/domain/activity/activity.views';
import { type CertificateContent, certificateLines, certificateNumber, counts, verifyCode } from '../../src/domain/hours/hours.rules';
import { totalHours } from '../../src/domain/service/service.rules';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import { secretDigest } from '../kit/pii-cipher';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { isDuplicateKey } from '../kit/tx';
import { database } from '../kit/wx-cloud';
import { ledgerOf } from './ledger';

interface CertificateDoc {
  _id: string;
  openid: string;
  status: CertificateStatus;
  periodFrom: number;
  periodTo: number;
  requestedAt: number;
  subdistrictId: string;
  communityId: string | null;
  volunteerName: string;
  /** Absent until issued (the unique index skips documents without it). */
  number?: string;
  verifyCode?: string;
  content?: CertificateContent;
  issuedBy?: string;
  issuedAt?: number;
}

const YEAR = 366 * 24 * 3600_000;
const pathOf = (c: Pick<CertificateDoc, 'subdistrictId' | 'communityId'>) =>
  c.communityId ? [c.subdistrictId, c.communityId] : [c.subdistrictId];

const summaryOf = (c: CertificateDoc): CertificateSummary => ({
  certificateId: c._id,
  status: c.status,
  periodFrom: c.periodFrom,
  periodTo: c.periodTo,
  requestedAt: c.requestedAt,
  number: c.number ?? null,
});

const viewOf = (c: CertificateDoc): CertificateView => ({
  ...summaryOf(c),
  volunteerName: c.volunteerName,
  content: c.content ?? null,
  verifyCode: c.verifyCode ?? null,
});

export async function myCertificates(openid: string): Promise<CertificateSummary[]> {
  const rows = await readList<CertificateDoc>(
    database().collection(HOURS_CERTIFICATES).where({ openid }).orderBy('requestedAt', 'desc').limit(20),
  );
  return rows.map(summaryOf);
}

/** A volunteer asks for a certificate of a period (at most a year, not in the future). */
export async function requestCertificate(
  principal: LoadedPrincipal,
  input: { from: number; to: number },
  now: number,
): Promise<CertificateView> {
  if (!(input.to > input.from)) throw new DomainError(ErrorCode.InvalidTransition, '结束日期须晚于开始日期');
  if (input.to - input.from > YEAR * 5) throw new DomainError(ErrorCode.InvalidTransition, '一份证明最长覆盖 5 年');
  const profile = await readById<VolunteerProfile>(VOLUNTEER_PROFILES, principal.openid);
  if (profile?.status !== 'approved') throw new DomainError(ErrorCode.Forbidden, '完成志愿者实名注册并通过审核后才能申请证明');
  const doc: CertificateDoc = {
    _id: `cert-${randomBytes(8).toString('hex')}`,
    openid: principal.openid,
    status: 'requested',
    periodFrom: input.from,
    periodTo: Math.min(input.to, now),
    requestedAt: now,
    subdistrictId: profile.subdistrictId,
    communityId: profile.communityId,
    volunteerName: profile.realNameMasked,
  };
  await database().collection(HOURS_CERTIFICATES).add({ data: doc });
  return viewOf(doc);
}

const STATION = ['station_staff'];
const SUBDISTRICT = ['institute_staff', 'admin'];

/** Staff's queue: requested certificates of their community (station) or subdistrict (institute), oldest first. */
export async function certificateRequests(principal: LoadedPrincipal): Promise<{ items: CertificateRequestRow[] }> {
  const communities = principal.grants.filter((g) => STATION.includes(g.role)).map((g) => g.scopeId);
  const subdistricts = principal.grants.filter((g) => SUBDISTRICT.includes(g.role)).map((g) => g.scopeId);
  if (communities.length + subdistricts.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有实践站、实践所工作人员可以出具证明');
  const _ = database().command;
  const col = database().collection(HOURS_CERTIFICATES);
  const [a, b] = await Promise.all([
    communities.length
      ? readList<CertificateDoc>(
          col
            .where({ status: 'requested', communityId: _.in(communities) })
            .orderBy('requestedAt', 'asc')
            .limit(100),
        )
      : [],
    subdistricts.length
      ? readList<CertificateDoc>(
          col
            .where({ status: 'requested', subdistrictId: _.in(subdistricts) })
            .orderBy('requestedAt', 'asc')
            .limit(100),
        )
      : [],
  ]);
  const rows = [...new Map([...a, ...b].map((c) => [c._id, c])).values()].sort((x, y) => x.requestedAt - y.requestedAt);
  const items: CertificateRequestRow[] = [];
  for (const c of rows) {
    const entries = await ledgerOf(c.openid);
    const inPeriod = entries.filter((e) => counts(e) && e.startAt >= c.periodFrom && e.startAt <= c.periodTo);
    items.push({
      certificateId: c._id,
      volunteerName: c.volunteerName,
      periodFrom: c.periodFrom,
      periodTo: c.periodTo,
      requestedAt: c.requestedAt,
      hours: totalHours(inPeriod.map((e) => e.hours)),
    });
  }
  return { items };
}

async function getCertificate(certificateId: string): Promise<CertificateDoc> {
  const c = await readById<CertificateDoc>(HOURS_CERTIFICATES, certificateId);
  if (!c) throw new DomainError(ErrorCode.NotFound, '找不到这份证明');
  return c;
}

/** 志愿者编号: a stable number derived from the volunteer under the functions' secret (no openid is ever printed). */
export const volunteerNoOf = (openid: string) =>
  `V${(BigInt(`0x${secretDigest('volunteer-no', openid).toString('hex').slice(0, 14)}`) % 10_000_000_000n).toString().padStart(10, '0')}`;

/** Staff issue a requested certificate: content frozen from the ledger, with a number and a verification code. */
export async function issueCertificate(
  principal: LoadedPrincipal,
  input: { certificateId: string },
  now: number,
): Promise<CertificateView> {
  const c = await getCertificate(input.certificateId);
  requirePermission(principal, 'hours.certify', { orgPath: pathOf(c) });
  if (c.status === 'issued') throw new DomainError(ErrorCode.Conflict, '这份证明已经出具');
  const grant = principal.grants.find((g) => pathOf(c).includes(g.scopeId) && [...STATION, ...SUBDISTRICT].includes(g.role));
  const unit = await readById<{ name: string; stationName?: string; instituteName?: string; headName?: string; phone?: string }>(
    ORG_UNITS,
    grant?.scopeId ?? c.subdistrictId,
  );
  const [entries, holder] = await Promise.all([ledgerOf(c.openid), readById<VolunteerProfile>(VOLUNTEER_PROFILES, c.openid)]);
  const lines = certificateLines(entries, c.openid, c.periodFrom, c.periodTo);
  for (let round = 0; ; round++) {
    const number = certificateNumber(now, randomInt);
    const content: CertificateContent = {
      volunteerName: c.volunteerName,
      volunteerNo: volunteerNoOf(c.openid),
      idNumberMasked: '未登记',
      periodFrom: c.periodFrom,
      periodTo: c.periodTo,
      lines,
      totalHours: totalHours(lines.map((l) => l.hours)),
      issuer: {
        unit: unit?.stationName ?? unit?.instituteName ?? unit?.name ?? '',
        head: unit?.headName ?? '（未登记）',
        handler: principal.user?.displayName || '工作人员',
        contact: unit?.phone ?? '（未登记）',
      },
      number,
      issuedAt: now,
    };
    try {
      const ok = (await database()
        .collection(HOURS_CERTIFICATES)
        .where({ _id: c._id, status: 'requested' })
        .update({
          data: {
            status: 'issued',
            number,
            verifyCode: verifyCode(randomInt),
            content,
            // The PDF the volunteer hands in carries their real name (第7条); the content answered to
            // public verification keeps the masked one, so a number and code reveal no full name.
            holderNameSealed: holder?.realNameSealed ?? null,
            issuedBy: principal.openid,
            issuedAt: now,
          },
        })) as {
        stats: { updated: number };
      };
      if (ok.stats.updated < 1) throw new DomainError(ErrorCode.Conflict, '这份证明刚刚已经出具');
      return viewOf(await getCertificate(c._id));
    } catch (err) {
      // Two certificates drew the same number: draw again.
      if (round >= 2 || !isDuplicateKey(err)) throw err;
    }
  }
}

/** One certificate, for its owner or staff of the area. */
export async function certificate(principal: LoadedPrincipal, input: { certificateId: string }): Promise<CertificateView> {
  const c = await getCertificate(input.certificateId);
  if (c.openid !== principal.openid) requirePermission(principal, 'hours.certify', { orgPath: pathOf(c) });
  return viewOf(c);
}

/** Public verification: exactly what was certified, or not found (the same answer for a wrong number and a wrong code). */
export async function verifyCertificate(input: { number: string; code: string }): Promise<VerifyAnswer> {
  const [c] = await readList<CertificateDoc>(database().collection(HOURS_CERTIFICATES).where({ number: input.number }).limit(1));
  if (c?.status !== 'issued' || !c.verifyCode || !c.content) return { found: false };
  const a = Buffer.from(c.verifyCode);
  const b = Buffer.from(input.code);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { found: false };
  return { found: true, content: c.content };
}
