import { readFileSync } from 'node:fs';
import { HOUR, INSTITUTE, STATION_C1, volunteers } from '../cloud/activity-support';
import { screenshot } from '../support/browser';
import { cloudAndPhone, openAs, screen } from '../support/browser-cloud';
import { pdfText } from '../support/pdf-text';

jest.setTimeout(240_000);

const VOLUNTEER = volunteers[2] as string;

describe('志愿服务记录证明 in the browser: requested, issued, downloaded as a PDF', () => {
  const env = cloudAndPhone();
  const errors: string[] = [];
  beforeAll(() => {
    env.phone.page.on('pageerror', (e) => errors.push(e.message));
  });

  it('the volunteer requests → the institute issues → the volunteer downloads the PDF; staff export the hours', async () => {
    const { page } = env.phone;
    const now = env.cloud.clock.now().getTime();
    // Two confirmed services this year, and a 补录 still waiting for approval that must not appear.
    const entry = (n: number, title: string, status: string, kind: string, daysAgo: number, hours: number) => {
      const startAt = now - daysAgo * 24 * HOUR;
      const _id = `e2e-ledger-${n}`;
      return {
        _id,
        key: _id,
        openid: VOLUNTEER,
        displayName: '志愿者',
        source: 'activity',
        sourceId: `e2e-act-${n}`,
        sessionId: `e2e-ses-${n}`,
        title,
        content: '清理楼道杂物，张贴文明标语',
        place: '和平社区3号楼',
        startAt,
        endAt: startAt + hours * HOUR,
        hours,
        kind,
        status,
        reason: kind === 'live' ? '' : '签到时手机没电',
        recorder: '和平社区新时代文明实践站',
        recordedBy: STATION_C1,
        confirmedBy: STATION_C1,
        at: startAt + 3 * HOUR,
        subdistrictId: 'org-subdistrict-01',
        communityId: 'org-community-01',
        sortKey: `${String(startAt + 3 * HOUR).padStart(13, '0')}-${_id}`,
      };
    };
    env.cloud.store.insert('hours_ledger', [
      entry(1, '清洁家园·楼道大扫除', 'confirmed', 'live', 3, 2),
      entry(2, '文明劝导·人民路口', 'confirmed', 'live', 2, 1.5),
      entry(3, '还在审核的补录', 'pending', 'back_entry', 1, 4),
    ]);

    // The volunteer asks for this year's certificate on 我的服务记录.
    await openAs(page, env.cloud.url, VOLUNTEER, '/pages/activity/record/index');
    await screen(page).getByText('申请今年的证明', { exact: true }).click();
    await page.locator('.taro-model__confirm:visible').click();
    await page.getByText('已提交申请').first().waitFor();
    const [requested] = env.cloud.store.find('hours_certificates', { openid: VOLUNTEER }) as { _id: string; status: string }[];
    expect(requested).toMatchObject({ status: 'requested' });
    const certificateId = requested?._id as string;
    await page.waitForTimeout(1600);
    await screenshot(page, 'certificate-01-requested');

    // The institute (the volunteer registered with the subdistrict) sees the request and issues it.
    await openAs(page, env.cloud.url, INSTITUTE, '/pages/activity/certificates/index');
    await screen(page).getByText('已确认 3.5 小时', { exact: false }).waitFor();
    await screen(page).getByText('导出服务时长', { exact: true }).waitFor();
    await screenshot(page, 'certificate-02-staff-queue');
    // 导出 Excel of the default period (last month) downloads a workbook.
    const [sheet] = await Promise.all([page.waitForEvent('download'), screen(page).getByText('导出 Excel', { exact: true }).click()]);
    expect(sheet.suggestedFilename()).toMatch(/^志愿服务时长_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(
      readFileSync((await sheet.path()) as string)
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');

    await screen(page).getByText('已确认 3.5 小时', { exact: false }).click();
    await screen(page).getByText('出具证明', { exact: true }).click();
    await page.locator('.taro-model__confirm:visible').click();
    await screen(page).getByText('核验码：', { exact: false }).waitFor();
    const issued = env.cloud.store.findById('hours_certificates', certificateId) as { number: string; verifyCode: string; status: string };
    expect(issued.status).toBe('issued');
    await page.waitForTimeout(1600);
    await screenshot(page, 'certificate-03-issued');

    // The volunteer opens it and downloads the PDF.
    await openAs(page, env.cloud.url, VOLUNTEER, `/pages/activity/certificate/index?id=${certificateId}`);
    await screen(page).getByText(`证明编号：${issued.number}`, { exact: true }).first().waitFor();
    await screenshot(page, 'certificate-04-volunteer-view');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      screen(page).getByText('下载证明（PDF）', { exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`志愿服务记录证明_${issued.number}.pdf`);
    const bytes = readFileSync((await download.path()) as string);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfText(bytes)).replace(/\s+/g, '');
    expect(text).toContain('志愿服务记录证明');
    expect(text).toContain(`证明编号：${issued.number}`);
    expect(text).toContain(`核验码：${issued.verifyCode}`);
    expect(text).toContain('清洁家园·楼道大扫除');
    expect(text).toContain('文明劝导·人民路口');
    expect(text).toContain('服务时间累计3.5小时');
    expect(text).not.toContain('还在审核的补录');
    await screenshot(page, 'certificate-05-downloaded');
    expect(errors).toEqual([]);
  });
});
