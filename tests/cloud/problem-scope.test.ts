import type { ProblemDoc, ProblemEventDoc } from '../../src/domain/problem/problem.types';
import { withTestCloud } from '../support/local-cloud-harness';
import {
  CITY_OPS,
  headOf,
  otherEstateResident,
  PROPERTY_C1,
  pendingResident,
  photo,
  problemClient,
  reportInput,
  STATION_C1,
  STATION_C2,
  tianfuResidents,
  UNIT_STAFF_C1,
  UNIT_STAFF_C2,
  UNIT_STAFF_CITY_OPS,
} from './problem-support';

const [resident, neighbour] = tianfuResidents;
if (!resident || !neighbour) throw new Error('need two residents in 天府花园');
const head = headOf(resident);

// A cold function instance on a busy machine takes seconds; the steps themselves are quick.
jest.setTimeout(30_000);

describe('grid problems: 自查自处, 附议 and who sees what', () => {
  const env = withTestCloud(problemClient);
  const stored = (id: string) => env.cloud.store.findById('problems', id) as unknown as ProblemDoc;
  const events = (id: string) =>
    (env.cloud.store.find('problem_events', { problemId: id }) as unknown as ProblemEventDoc[]).sort((a, b) => a.seq - b.seq);

  it('自查自处: a building head files and closes a small problem in one step, counted as 即知即改', async () => {
    const setup = await env.api.must('reportSetup', head);
    expect(setup.canSelfFix).toBe(true);
    const done = await env.api.must(
      'report',
      head,
      reportInput({
        categoryId: 'pc-ads',
        description: '单元门上贴了小广告，已当场清理',
        selfFix: { photos: [photo('self-after')], note: '已清理' },
      }),
    );
    expect(done).toMatchObject({ filed: true, state: 'closed', stateLabel: '已销号', selfFixed: true });
    const id = done.problemId as string;
    expect(stored(id)).toMatchObject({
      reporterKind: 'building_head',
      selfFixed: true,
      fixPhotos: [await env.api.fileOf(head, 'self-after')],
      version: 2,
    });
    expect(stored(id).followUpAt).toBeGreaterThan(stored(id).closedAt as number);
    expect(events(id).map((e) => [e.event, e.from, e.to, e.byParty])).toEqual([
      ['report', null, 'reported', 'reporter'],
      ['self_fix', 'reported', 'closed', 'grid'],
    ]);
    // A resident may not: 自查自处 is the grid worker's.
    expect(await env.api.call({ action: 'report', ...reportInput({ selfFix: { photos: [photo('x')] } }) }, resident._id)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    // Nor without after photos.
    expect(await env.api.call({ action: 'report', ...reportInput({ selfFix: { photos: [] } }) }, head)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
  });

  it('附议: the same category and place within 7 days is offered first; a neighbour seconds it once; the reporter cannot', async () => {
    const first = await env.api.must(
      'report',
      resident._id,
      reportInput({ categoryId: 'pc-charging', description: '楼下有人飞线给电动车充电' }),
    );
    expect(first.filed).toBe(true);
    const id = first.problemId as string;

    // The building head reports the same thing: the open problem is answered instead of filing.
    const again = await env.api.must('report', head, reportInput({ categoryId: 'pc-charging', description: '又看到有人拉线充电' }));
    expect(again.filed).toBe(false);
    expect(again.duplicates.map((p: { problemId: string }) => p.problemId)).toEqual([id]);
    expect(again.duplicates[0]).toMatchObject({ categoryName: '飞线充电', stateLabel: '待立案' });
    // Another category or the whole 小区 of another estate is no duplicate.
    const other = await env.api.must(
      'report',
      otherEstateResident._id,
      reportInput({ categoryId: 'pc-charging', description: '楼下有人飞线充电' }),
    );
    expect(other.filed).toBe(true);

    const seconded = await env.api.must('second', head, { problemId: id, photos: [photo('second')] });
    expect(seconded.problem.secondCount).toBe(1);
    expect(seconded.caller.seconded).toBe(true);
    expect(seconded.actions.map((a: { event: string }) => a.event)).not.toContain('second');
    expect(await env.api.call({ action: 'second', problemId: id }, head)).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
    expect(await env.api.call({ action: 'second', problemId: id }, resident._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    // A neighbour from another 小区 may not open it at all.
    expect(await env.api.call({ action: 'second', problemId: id }, otherEstateResident._id)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    // A neighbour of the same 小区 sees it without the reporter's name.
    const neighbourView = await env.api.must('detail', neighbour._id, { problemId: id });
    expect(neighbourView.problem.reporterName).toBe('');
    expect(neighbourView.actions.map((a: { event: string }) => a.event)).toEqual(['second']);
    await env.api.must('second', neighbour._id, { problemId: id });
    expect(stored(id)).toMatchObject({ secondCount: 2, version: 3 });

    // Still a new one if the reporter says so.
    const confirmed = await env.api.must(
      'report',
      head,
      reportInput({ categoryId: 'pc-charging', description: '另一处飞线充电', confirmNew: true }),
    );
    expect(confirmed.filed).toBe(true);
  });

  it("a unit never sees another unit's problems; staff of another community are out of scope", async () => {
    const id = await env.api.report(resident._id);
    await env.api.transition(id, 'register', STATION_C1);
    await env.api.transition(id, 'dispatch', STATION_C1, { unitIds: [PROPERTY_C1, CITY_OPS] }); // 联合处置

    // Both units of the 联合处置 see it; the other community's property company does not.
    for (const staff of [UNIT_STAFF_C1, UNIT_STAFF_CITY_OPS]) {
      const inbox = await env.api.must('unitInbox', staff);
      expect(inbox.items.map((p: { problemId: string }) => p.problemId)).toContain(id);
    }
    const c2Inbox = await env.api.must('unitInbox', UNIT_STAFF_C2);
    expect(c2Inbox.items.map((p: { problemId: string }) => p.problemId)).not.toContain(id);
    expect(await env.api.call({ action: 'detail', problemId: id }, UNIT_STAFF_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call({ action: 'fix', problemId: id, photos: [photo('no')] }, UNIT_STAFF_C2)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });

    // The other community's station: out of scope everywhere, and its 台账 does not list it.
    expect(await env.api.call({ action: 'detail', problemId: id }, STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await env.api.call({ action: 'transition', problemId: id, event: 'return', note: '不是我们的' }, STATION_C2)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    const c2Ledger = await env.api.must('ledger', STATION_C2);
    expect(c2Ledger.items.map((p: { problemId: string }) => p.problemId)).not.toContain(id);

    // Residents and building heads have no 台账 (a unit's is its own: tests/cloud/problem-ledger.test.ts);
    // residents and units no grid list; only units a unit list.
    for (const who of [resident._id, head]) {
      expect(await env.api.call({ action: 'ledger' }, who)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    }
    expect(await env.api.call({ action: 'gridList' }, resident._id)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });
    expect(await env.api.call({ action: 'unitInbox' }, STATION_C1)).toMatchObject({ ok: false, code: 'AUTH.FORBIDDEN' });

    // The station cannot fix it for the unit; the unit cannot 立案 or 核查.
    expect(await env.api.call({ action: 'fix', problemId: id, photos: [photo('s')] }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    await env.api.must('fix', UNIT_STAFF_C1, { problemId: id, photos: [photo('joint')] });
    expect(await env.api.call({ action: 'verify', problemId: id, pass: true }, UNIT_STAFF_C1)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
  });

  it("a unit's staff are invited like staff: the station invites, the new staff member sees the unit's problems only", async () => {
    const identity = async (data: object, openid: string) => (await env.cloud.call('identity', data, openid)).body.result;
    // The other community's station may not invite staff for this community's property company; a unit's staff invite nobody.
    expect(await identity({ action: 'issueInvitation', role: 'unit_staff', scopeId: PROPERTY_C1 }, STATION_C2)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    expect(await identity({ action: 'issueInvitation', role: 'unit_staff', scopeId: PROPERTY_C1 }, UNIT_STAFF_C1)).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect(await identity({ action: 'issueInvitation', role: 'unit_staff', scopeId: 'unit-nope' }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    const issued = await identity({ action: 'issueInvitation', role: 'unit_staff', scopeId: PROPERTY_C1 }, STATION_C1);
    expect(issued).toMatchObject({ ok: true, data: { role: 'unit_staff', scopeName: '天府物业服务有限公司' } });
    const redeemed = await identity({ action: 'redeemInvitation', code: issued.data.code }, 'o-new-unit-staff');
    expect(redeemed).toMatchObject({ ok: true, data: { role: 'unit_staff', label: '处置单位', scopeName: '天府物业服务有限公司' } });
    const me = await identity({ action: 'whoami' }, 'o-new-unit-staff');
    expect(me.data.roles).toEqual([{ role: 'unit_staff', label: '处置单位', scopeId: PROPERTY_C1, scopeName: '天府物业服务有限公司' }]);
    const inbox = await env.api.must('unitInbox', 'o-new-unit-staff');
    expect(inbox.items.length).toBeGreaterThan(0);
    for (const p of inbox.items as { unitNames: string[] }[]) expect(p.unitNames).toContain('天府物业服务有限公司');
  });

  it('bad input and out-of-scope reports: clear refusals with stable codes', async () => {
    expect(await env.api.call({ action: 'report', ...reportInput({ photos: [] }) }, resident._id)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(
      await env.api.call({ action: 'report', ...reportInput({ photos: ['https://evil.example/a.jpg'] }) }, resident._id),
    ).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await env.api.call({ action: 'report', ...reportInput({ description: '脏' }) }, resident._id)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await env.api.call({ action: 'report', ...reportInput({ reporterOpenid: 'o-x' }) }, resident._id)).toMatchObject({
      ok: false,
      code: 'INPUT.INVALID',
    });
    expect(await env.api.call({ action: 'report', ...reportInput({ categoryId: 'pc-nope' }) }, resident._id)).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    // A resident reports at their own building only.
    expect(
      await env.api.call({ action: 'report', ...reportInput({ placeId: otherEstateResident.buildingId }) }, resident._id),
    ).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
    // A resident whose binding is still pending is told what to do first.
    expect(await env.api.call({ action: 'report', ...reportInput() }, pendingResident._id)).toMatchObject({
      ok: false,
      code: 'AUTH.BINDING_REQUIRED',
    });
    const setup = await env.api.must('reportSetup', pendingResident._id);
    expect(setup).toMatchObject({ place: null, categories: [] });
    expect(setup.blocked).toMatch(/确认/);
    // Station staff report anywhere in their community, by building or 小区.
    const byStaff = await env.api.must(
      'report',
      STATION_C1,
      reportInput({ placeId: 'org-estate-02', categoryId: 'pc-parking', confirmNew: true }),
    );
    expect(byStaff.filed).toBe(true);
    expect(stored(byStaff.problemId)).toMatchObject({ estateId: 'org-estate-02', buildingId: null, reporterKind: 'staff' });
    expect(await env.api.call({ action: 'report', ...reportInput({ placeId: 'org-estate-02' }) }, STATION_C2)).toMatchObject({
      ok: false,
      code: 'AUTH.OUT_OF_SCOPE',
    });
  });
});
