import { buildDemoSeed } from '../../local-cloud/seed/demo-seed';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { orderClient, orderInput, residentsOf, STATION_C1 } from './order-support';

const ZW = '\u200b'.repeat(6);
const MIXED = '\u200d\u2060\ufeff\u200b\u00ad\u3164';
const units = buildDemoSeed().org_units as unknown as OrgUnit[];
const estate = units.find((u) => u.kind === 'estate' && u.path.includes('org-community-01')) as OrgUnit;

/** Required free text made only of invisible characters is no text, in every function. */
describe('invisible text in required fields', () => {
  const env = withTestCloud(orderClient);
  const call = async (fn: string, data: object, openid: string) => (await env.cloud.call(fn, data, openid)).body.result;
  const refusesBlank = async (fn: string, data: (blank: string) => object, openid: string) => {
    for (const blank of [ZW, MIXED]) {
      const answer = await call(fn, data(blank), openid);
      expect({ fn, answer }).toMatchObject({ fn, answer: { ok: false, code: 'INPUT.INVALID' } });
    }
  };

  it('refuses it as an announcement title or body, a team name, a real name, a room, a 楼栋 name, an order description and an 上报 reason', async () => {
    const counts = () =>
      ['announcements', 'teams', 'volunteer_profiles', 'users', 'org_units', 'orders'].map((c) => env.cloud.store.count(c, {}));
    const before = counts();
    const announce = { action: 'create', category: '温馨提示', targets: ['org-community-01'] };
    await refusesBlank('announce', (b) => ({ ...announce, title: b, body: '正文' }), STATION_C1);
    await refusesBlank('announce', (b) => ({ ...announce, title: '标题', body: `${b}\n${b}` }), STATION_C1);
    await refusesBlank(
      'team',
      (b) => ({
        action: 'createTeam',
        name: b,
        intro: '',
        leaderOpenid: 'o-volunteer-0001',
        skills: [],
        serviceArea: ['org-community-01'],
      }),
      'o-institute-01',
    );
    await refusesBlank(
      'team',
      (b) => ({
        action: 'registerVolunteer',
        realName: b,
        phone: '13900000000',
        skills: [],
        availability: '',
        communityId: 'org-community-01',
      }),
      'o-newcomer',
    );
    await refusesBlank('identity', (b) => ({ action: 'requestBinding', buildingId: 'bld-0001', room: b }), 'o-newcomer');
    await refusesBlank('org', (b) => ({ action: 'addUnit', parentId: estate._id, name: b }), STATION_C1);
    const resident = residentsOf('org-community-01')[0]?._id as string;
    await refusesBlank('order', (b) => ({ action: 'create', ...orderInput({ description: b }) }), resident);
    const orderId = await env.api.place(resident);
    await env.api.must(orderId, 'accept', STATION_C1);
    await refusesBlank('order', (b) => ({ action: 'transition', orderId, event: 'escalate', note: b }), STATION_C1);
    expect(counts()).toEqual([before[0], before[1], before[2], before[3], before[4], (before[5] as number) + 1]);
  });

  it('stores visible text without the invisible characters around and inside it', async () => {
    const made = await call('org', { action: 'addUnit', parentId: estate._id, name: `${ZW}９栋\u200b${MIXED}` }, STATION_C1);
    expect(made).toMatchObject({ ok: true });
    expect(env.cloud.store.findById('org_units', made.data._id)).toMatchObject({ name: '９栋' });
  });
});
