import type { UserProfile } from '../../src/domain/identity/role';
import { contractLeaves } from '../support/contract-fields';
import { withTestCloud } from '../support/local-cloud-harness';
import { uploadPhotoAs } from '../support/uploads';
import { activityInput } from './activity-support';
import { headOf, orderClient, orderInput, residentsOf, STATION_C1, seed, teamById } from './order-support';
import { PROPERTY_C1, reportInput, tianfuResidents, UNIT_STAFF_C1 } from './problem-support';

const [resident, neighbour] = residentsOf('org-community-01') as [UserProfile, UserProfile];
const leader = teamById.get('team-02')?.leaderOpenid as string;
const [reporter, seconder] = tianfuResidents as [UserProfile, UserProfile];

interface Scenario {
  caller: string;
  /** The folder the app uploads this field's files to. */
  folder: string;
  /** Sends a call that is valid but for the file, with `fileId` in the field. */
  send(fileId: string): Promise<{ ok: boolean; code?: string }>;
}

/**
 * Property-style over every file-id field of every contract (found by walking the contracts):
 * the caller's own upload passes; another user's upload, a file that does not exist, another
 * environment's id, a `../` path and an own upload from another folder are refused.
 */
describe('file-id fields of every contract', () => {
  const env = withTestCloud(orderClient);
  const call = async (fn: string, data: object, openid: string) => (await env.cloud.call(fn, data, openid)).body.result;
  const announce = { category: '温馨提示', targets: ['org-community-01'], title: '封面', body: '正文' };

  const scenarios: Record<string, () => Promise<Scenario>> = {
    'activity.create.coverFileId': async () => ({
      caller: STATION_C1,
      folder: 'announce/covers',
      send: (f) =>
        call('activity', { action: 'create', ...activityInput(Date.now() + env.cloud.clock.offset), coverFileId: f }, STATION_C1),
    }),
    'announce.create.coverFileId': async () => ({
      caller: STATION_C1,
      folder: 'announce/covers',
      send: (f) => call('announce', { action: 'create', ...announce, coverFileId: f }, STATION_C1),
    }),
    'announce.update.coverFileId': async () => {
      const { data } = await call('announce', { action: 'create', ...announce }, STATION_C1);
      return {
        caller: STATION_C1,
        folder: 'announce/covers',
        send: async (f) => {
          const version = (env.cloud.store.findById('announcements', data.id) as { updatedAt: number }).updatedAt;
          return call('announce', { action: 'update', id: data.id, version, ...announce, coverFileId: f }, STATION_C1);
        },
      };
    },
    'grid.opinionToProblem.photos[]': async () => {
      // A door-knock opinion of 2栋's building head, turned into a 问题上报 (photos checked by problem.report, as the caller).
      const head = 'o-head-0002';
      const { data } = await call(
        'grid',
        {
          action: 'knock',
          requestId: 'file-fields-knock',
          buildingId: 'bld-0002',
          room: '1单元101',
          result: 'reached',
          opinion: '楼道灯坏了好几天',
        },
        head,
      );
      const visitId = data.visits[0].visitId as string;
      return {
        caller: head,
        folder: 'problems/req-knock',
        send: (f) => call('grid', { action: 'opinionToProblem', visitId, categoryId: 'pc-facility', photos: [f] }, head),
      };
    },
    'order.create.photos[]': async () => ({
      caller: resident._id,
      folder: 'orders/req-file-fields',
      send: (f) => call('order', { action: 'create', ...orderInput({ photos: [f] }) }, resident._id),
    }),
    'order.proxyCreate.photos[]': async () => ({
      caller: headOf(neighbour),
      folder: 'orders/req-file-fields-proxy',
      send: (f) =>
        call('order', { action: 'proxyCreate', ...orderInput({ photos: [f] }), residentOpenid: neighbour._id }, headOf(neighbour)),
    }),
    'order.complete.photos[]': async () => {
      const orderId = await env.api.place(resident._id);
      await env.api.must(orderId, 'accept', STATION_C1);
      await env.api.must(orderId, 'dispatch', STATION_C1, { teamId: 'team-02' });
      await env.api.must(orderId, 'take', leader);
      await env.api.mustAct('checkIn', orderId, leader);
      return {
        caller: leader,
        folder: `reports/${orderId}`,
        send: (f) => call('order', { action: 'complete', orderId, summary: '已完成', photos: [f] }, leader),
      };
    },
    'order.deliver.photos[]': async () => {
      // A 微心愿 on the 心愿墙, adopted by an 在职党员 who delivers it with a photo.
      const wishItem = (seed.catalog_items.find((i) => i.kind === 'wish') as { _id: string })._id;
      const adopter = (
        seed.volunteer_profiles.find((p) => p.status === 'approved' && p.subdistrictId === 'org-subdistrict-01') as {
          _id: string;
        }
      )._id;
      env.cloud.store.updateMany('volunteer_profiles', { _id: adopter }, { $set: { partyMember: true, partyReportIn: true } });
      const orderId = await env.api.place(resident._id, { itemId: wishItem, description: '想要一台收音机', answers: { wish: '收音机' } });
      await env.api.must(orderId, 'accept', STATION_C1);
      await env.api.must(orderId, 'post_wall', STATION_C1);
      await env.api.must(orderId, 'adopt', adopter);
      return {
        caller: adopter,
        folder: `reports/${orderId}`,
        send: (f) => call('order', { action: 'deliver', orderId, photos: [f] }, adopter),
      };
    },
    'problem.report.photos[]': async () => ({
      caller: reporter._id,
      folder: 'problems/req-file-fields',
      send: (f) => call('problem', { action: 'report', ...reportInput({ photos: [f], confirmNew: true }) }, reporter._id),
    }),
    'problem.report.selfFix.photos[]': async () => {
      const head = headOf(reporter);
      const before = await uploadPhotoAs(env.cloud, head, 'problems/req-self-fix');
      return {
        caller: head,
        folder: 'problems/req-self-fix/after',
        send: (f) =>
          call('problem', { action: 'report', ...reportInput({ categoryId: 'pc-ads', photos: [before], selfFix: { photos: [f] } }) }, head),
      };
    },
    'problem.fix.photos[]': async () => {
      const problemId = await dispatchedProblem();
      return {
        caller: UNIT_STAFF_C1,
        folder: `problems/${problemId}/v3`,
        send: (f) => call('problem', { action: 'fix', problemId, photos: [f] }, UNIT_STAFF_C1),
      };
    },
    'problem.verify.photos[]': async () => {
      const problemId = await dispatchedProblem();
      const after = await uploadPhotoAs(env.cloud, UNIT_STAFF_C1, `problems/${problemId}/v3`);
      await mustProblem({ action: 'fix', problemId, photos: [after] }, UNIT_STAFF_C1);
      return {
        caller: STATION_C1,
        folder: `problems/${problemId}/v4`,
        send: (f) => call('problem', { action: 'verify', problemId, pass: true, photos: [f] }, STATION_C1),
      };
    },
    'problem.second.photos[]': async () => {
      const problemId = await reportedProblem();
      return {
        caller: seconder._id,
        folder: `problems/${problemId}/v1`,
        send: (f) => call('problem', { action: 'second', problemId, photos: [f] }, seconder._id),
      };
    },
  };

  const mustProblem = async (data: object, openid: string) => {
    const res = await call('problem', data, openid);
    if (!res.ok) throw new Error(`problem ${JSON.stringify(data)} by ${openid}: ${JSON.stringify(res)}`);
    return res.data;
  };
  /** A 随手拍 with the reporter's own photo. */
  const reportedProblem = async (): Promise<string> => {
    const before = await uploadPhotoAs(env.cloud, reporter._id, 'problems/req-before');
    const filed = await mustProblem({ action: 'report', ...reportInput({ photos: [before], confirmNew: true }) }, reporter._id);
    return filed.problemId;
  };
  /** …registered and dispatched to 天府物业. */
  const dispatchedProblem = async (): Promise<string> => {
    const problemId = await reportedProblem();
    await mustProblem({ action: 'transition', problemId, event: 'register' }, STATION_C1);
    await mustProblem({ action: 'transition', problemId, event: 'dispatch', unitIds: [PROPERTY_C1] }, STATION_C1);
    return problemId;
  };

  const allFileFields = [
    ...new Set(
      contractLeaves()
        .filter((l) => l.kind === 'fileId')
        .map((l) => `${l.fn}.${l.action}.${l.path}`),
    ),
  ];
  const fileFields = allFileFields;

  it('knows how to exercise every file-id field the contracts declare', () => {
    expect(fileFields.length).toBeGreaterThanOrEqual(10);
    expect(fileFields.filter((f) => !scenarios[f])).toEqual([]);
  });

  it.each(fileFields)('%s: only the caller’s own existing upload in this environment and folder', async (field) => {
    const make = scenarios[field];
    if (!make) return;
    const s = await make();
    const own = await uploadPhotoAs(env.cloud, s.caller, s.folder);
    const someoneElses = await uploadPhotoAs(env.cloud, 'o-resident-0150', s.folder);
    const otherFolder = await uploadPhotoAs(
      env.cloud,
      s.caller,
      s.folder.startsWith('announce') ? 'orders/req-elsewhere' : 'announce/covers',
    );
    const prefix = own.slice(0, own.indexOf('/', 'cloud://'.length) + 1);
    const dir = own.slice(prefix.length, own.lastIndexOf('/'));
    const refused = [
      someoneElses,
      `${prefix}${dir}/never-uploaded.png`,
      own.replace(/^cloud:\/\/[^.]+\./, 'cloud://another-env.'),
      `${prefix}${dir}/../../${someoneElses.slice(prefix.length)}`,
      otherFolder,
    ];
    for (const f of refused) expect({ f, answer: await s.send(f) }).toMatchObject({ f, answer: { ok: false, code: 'INPUT.INVALID' } });
    expect(await s.send(own)).toMatchObject({ ok: true });
  });
});
