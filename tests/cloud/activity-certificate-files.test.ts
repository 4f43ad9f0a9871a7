import { inflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { PDFDict, PDFDocument, PDFName, type PDFRawStream } from 'pdf-lib';
import { LOCAL_PII_SECRET } from '../../local-cloud/local-cloud';
import { sealPii } from '../../server/kit/pii-cipher';
import type { HoursEntry } from '../../src/domain/hours/hours.rules';
import type { ExportFileView } from '../../src/domain/shared/export-file.views';
import { withTestCloud } from '../support/local-cloud-harness';
import { pdfText } from '../support/pdf-text';
import { downloadExport } from '../support/xlsx';
import { activityClient, HOUR, INSTITUTE, RESIDENT, STATION_C1, volunteers } from './activity-support';

/**
 * The 志愿服务记录证明 as a PDF and the hours export, through the local cloud and the real SDK:
 * the PDF's text, read back, carries every certified service and none that does not count; the
 * .xlsx carries a period's counted hours of the caller's area only.
 */
describe('志愿服务记录证明 PDF and the hours export', () => {
  const env = withTestCloud(activityClient);
  const now = () => env.cloud.clock.now().getTime();
  const V = volunteers[0] as string;
  const OTHER = volunteers[1] as string;

  let n = 0;
  const entry = (
    over: Partial<HoursEntry> & Pick<HoursEntry, 'openid' | 'title' | 'startAt' | 'hours' | 'status' | 'kind'>,
  ): Record<string, unknown> => {
    n += 1;
    const at = over.startAt + 3 * HOUR;
    const _id = `test-ledger-${n}`;
    const doc: HoursEntry = {
      _id,
      key: _id,
      displayName: '测试志愿者',
      source: 'activity',
      sourceId: `act-test-${n}`,
      sessionId: `ses-test-${n}`,
      content: '清理楼道杂物，张贴文明标语',
      place: '和平社区3号楼',
      endAt: over.startAt + over.hours * HOUR,
      reason: over.kind === 'live' ? '' : '签到时手机没电，组织者补录',
      recorder: '和平社区新时代文明实践站',
      recordedBy: STATION_C1,
      confirmedBy: STATION_C1,
      at,
      subdistrictId: 'org-subdistrict-01',
      communityId: 'org-community-01',
      sortKey: `${String(at).padStart(13, '0')}-${_id}`,
      ...over,
    };
    return { ...doc };
  };

  /**
   * Every glyph of the font subset the PDF embeds decodes to an outline. (The text layer alone would
   * not show it: a broken subset once printed most hanzi blank while its text still read right.)
   */
  const blankGlyphs = async (pdf: Uint8Array) => {
    const doc = await PDFDocument.load(pdf);
    const fonts: { glyphs: number; blank: number }[] = [];
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      const file = obj instanceof PDFDict ? obj.get(PDFName.of('FontFile2')) : undefined;
      if (!file) continue;
      const font = fontkit.create(inflateSync((doc.context.lookup(file) as PDFRawStream).contents));
      let blank = 0;
      for (let g = 1; g < font.numGlyphs; g++) {
        try {
          if ((font.getGlyph(g).path as unknown as { commands: unknown[] }).commands.length === 0) blank += 1;
        } catch {
          blank += 1;
        }
      }
      fonts.push({ glyphs: font.numGlyphs, blank });
    }
    return fonts;
  };

  const fetchBytes = async (file: ExportFileView) => {
    const res = await fetch(file.url);
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  it('renders an issued certificate as a PDF whose text carries exactly the certified services', async () => {
    const api = env.api;
    env.cloud.store.clearUnindexedScans();
    const t0 = now();
    const day = 24 * HOUR;
    // The volunteer registered with their real name (kept sealed): the PDF they hand in names them in full.
    env.cloud.store.updateMany('volunteer_profiles', { _id: V }, { $set: { realNameSealed: sealPii('仉小雨', LOCAL_PII_SECRET) } });
    env.cloud.store.insert('hours_ledger', [
      // A level-2 hanzi place (仉, 鬲: merged into the font from the rarer slices) prints, not as 〓.
      entry({
        openid: V,
        title: '清洁家园·楼道大扫除',
        startAt: t0 - 20 * day,
        hours: 2.5,
        status: 'confirmed',
        kind: 'live',
        place: '仉家胡同鬲家巷口',
      }),
      entry({ openid: V, title: '文明劝导·人民路口早高峰', startAt: t0 - 10 * day, hours: 1.5, status: 'approved', kind: 'back_entry' }),
      entry({ openid: V, title: '待审核的补录活动', startAt: t0 - 8 * day, hours: 4, status: 'pending', kind: 'back_entry' }),
      entry({ openid: V, title: '被驳回的补录活动', startAt: t0 - 6 * day, hours: 3, status: 'rejected', kind: 'back_entry' }),
      entry({ openid: OTHER, title: '别人的巡河活动', startAt: t0 - 5 * day, hours: 2, status: 'confirmed', kind: 'live' }),
    ]);

    const requested = await api.must({ action: 'requestCertificate', from: t0 - 30 * day, to: t0 }, V);
    // Not issued yet: nothing to download.
    expect(await api.call({ action: 'certificatePdf', certificateId: requested.certificateId }, V)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    // The volunteer registered with the subdistrict: its institute issues.
    const issued = await api.must({ action: 'issueCertificate', certificateId: requested.certificateId }, INSTITUTE);
    expect(issued.content.totalHours).toBe(4);

    // Neither a resident, another volunteer nor a station outside the volunteer's area may download it.
    expect(await api.call({ action: 'certificatePdf', certificateId: requested.certificateId }, RESIDENT)).toMatchObject({ ok: false });
    expect(await api.call({ action: 'certificatePdf', certificateId: requested.certificateId }, STATION_C1)).toMatchObject({ ok: false });
    expect(await api.call({ action: 'certificatePdf', certificateId: requested.certificateId }, OTHER)).toMatchObject({ ok: false });
    const file = (await api.must({ action: 'certificatePdf', certificateId: requested.certificateId }, V)) as ExportFileView;
    expect(file.fileName).toBe(`志愿服务记录证明_${issued.number}.pdf`);
    expect(file.rowCount).toBe(2);
    const bytes = await fetchBytes(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The font is a subset: the file stays small (the full font is ~1.9 MB).
    expect(bytes.length).toBeLessThan(200 * 1024);

    // One embedded font; its glyphs (spaces aside) all have outlines.
    const [embedded] = await blankGlyphs(bytes);
    expect(embedded?.glyphs).toBeGreaterThan(100);
    expect(embedded?.blank).toBeLessThanOrEqual(2);
    const text = (await pdfText(bytes)).replace(/[ \t]+\n/g, '\n');
    expect(text).toContain('志愿服务记录证明');
    expect(text).toContain(`证明编号：${issued.number}`);
    expect(text).toContain(`核验码：${issued.verifyCode}`);
    expect(text).toContain(`兹证明 仉小雨（证件号码：未登记；志愿者编号：${issued.content.volunteerNo}）`);
    // What the number and code answer to anyone (the frozen content) keeps the name masked.
    expect(issued.content.volunteerName).not.toContain('仉小雨');
    const verified = await api.must({ action: 'verify', number: issued.number, code: issued.verifyCode }, RESIDENT);
    expect(JSON.stringify(verified)).not.toContain('仉小雨');
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('参加志愿服务2次');
    expect(flat).toContain('服务时间累计4小时');
    for (const line of issued.content.lines) {
      expect(text).toContain(line.date);
    }
    expect(flat).toContain('清洁家园·楼道大扫除');
    expect(flat).toContain('文明劝导·人民路口早高峰');
    expect(flat).toContain('清理楼道杂物，张贴文明标语');
    expect(flat).toContain('和平社区3号楼');
    expect(flat).toContain('仉家胡同鬲家巷口');
    expect(flat).not.toContain('〓');
    expect(flat).toContain('2.5');
    expect(flat).toContain('1.5');
    expect(flat).toContain(`记录单位（出具单位）：${issued.content.issuer.unit}`);
    expect(flat).toContain(`负责人：${issued.content.issuer.head}`);
    expect(flat).toContain(`经办人：${issued.content.issuer.handler}`);
    expect(flat).toContain(`联系方式：${issued.content.issuer.contact}`);
    expect(flat).toContain(`出具日期：${new Date(issued.content.issuedAt + 8 * HOUR).toISOString().slice(0, 10)}`);
    // Unconfirmed, unapproved and other people's hours never appear.
    expect(flat).not.toContain('待审核的补录活动');
    expect(flat).not.toContain('被驳回的补录活动');
    expect(flat).not.toContain('别人的巡河活动');

    // The second download is the same file under a new link (rendered once).
    const again = (await api.must({ action: 'certificatePdf', certificateId: requested.certificateId }, INSTITUTE)) as ExportFileView;
    expect(again.fileID).toBe(file.fileID);
    expect((await fetchBytes(again)).equals(bytes)).toBe(true);
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('exports a period of counted hours of the caller area for the national system', async () => {
    const api = env.api;
    env.cloud.store.clearUnindexedScans();
    const t0 = now();
    const day = 24 * HOUR;
    const from = t0 + 100 * day;
    env.cloud.store.insert('hours_ledger', [
      entry({ openid: V, title: '导出·社区一·实时', startAt: from + day, hours: 2, status: 'confirmed', kind: 'live' }),
      entry({ openid: OTHER, title: '导出·社区一·补录', startAt: from + 2 * day, hours: 1.5, status: 'approved', kind: 'back_entry' }),
      entry({ openid: V, title: '导出·社区一·待审核', startAt: from + 3 * day, hours: 1, status: 'pending', kind: 'back_entry' }),
      entry({
        openid: V,
        title: '导出·社区二',
        startAt: from + 4 * day,
        hours: 3,
        status: 'confirmed',
        kind: 'live',
        communityId: 'org-community-02',
      }),
      entry({ openid: V, title: '导出·期外', startAt: from + 40 * day, hours: 3, status: 'confirmed', kind: 'live' }),
    ]);
    const period = { from, to: from + 30 * day };

    const station = (await api.must({ action: 'exportHours', ...period }, STATION_C1)) as ExportFileView;
    expect(station).toMatchObject({ rowCount: 2, truncated: false });
    expect(station.fileName).toMatch(/^志愿服务时长_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [sheet] = await downloadExport(station);
    const rows = sheet?.rows ?? [];
    expect(rows[0]?.[0]).toContain('志愿服务时长记录');
    expect(rows[1]).toEqual([
      '志愿者姓名',
      '证件号码',
      '志愿者编号',
      '服务类型',
      '活动/服务名称',
      '服务日期',
      '开始时间',
      '结束时间',
      '服务地点',
      '服务内容',
      '服务时长（小时）',
      '记录方式',
      '补录/更正原因',
      '状态',
      '记录单位',
    ]);
    const data = rows.slice(2).map((r) => Array.from(r, (c) => c ?? ''));
    expect(data.map((r) => r[4])).toEqual(['导出·社区一·实时', '导出·社区一·补录']);
    const [first, second] = data as [string[], string[]];
    // The registered full name (not the masked one), 证件号码 not collected, the stable 志愿者编号.
    expect(first[0]).not.toContain('*');
    expect(first[0]?.length).toBeGreaterThanOrEqual(2);
    expect(first[1]).toBe('未登记');
    expect(first[2]).toMatch(/^V\d{10}$/);
    expect(first.slice(8, 15)).toEqual([
      '和平社区3号楼',
      '清理楼道杂物，张贴文明标语',
      '2',
      '实时记录',
      '',
      '已确认',
      '和平社区新时代文明实践站',
    ]);
    expect(second.slice(10, 14)).toEqual(['1.5', '补录', '签到时手机没电，组织者补录', '已审核']);
    expect(first[2]).not.toBe(second[2]);

    // The institute sees its whole subdistrict, both communities.
    const institute = (await api.must({ action: 'exportHours', ...period }, INSTITUTE)) as ExportFileView;
    const [isheet] = await downloadExport(institute);
    expect((isheet?.rows ?? []).slice(2).map((r) => r[4])).toEqual(['导出·社区一·实时', '导出·社区一·补录', '导出·社区二']);

    // Volunteers and residents cannot export; a period must be forward and at most a year.
    expect(await api.call({ action: 'exportHours', ...period }, V)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await api.call({ action: 'exportHours', from: period.to, to: period.from }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'STATE.INVALID_TRANSITION',
    });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });
});
