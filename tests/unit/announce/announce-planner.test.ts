import { rollUpAwareness } from '../../../src/domain/announce/announce.awareness';
import { parseBody, trimToBytes, utf8Bytes } from '../../../src/domain/announce/announce.body';
import { robotMessageOf, subscribeDataOf } from '../../../src/domain/announce/announce.messages';
import { countByChannel, planDeliveries } from '../../../src/domain/announce/announce.planner';
import { backoffMs, MAX_ATTEMPTS, outcomeOf, robotMinute } from '../../../src/domain/announce/announce.rules';

const buildings = [{ _id: 'B1', buildingHeadOpenid: 'h1' }, { _id: 'B2', buildingHeadOpenid: 'h2' }, { _id: 'B3' }];
const residents = [
  { _id: 'r1', buildingId: 'B1', binding: 'confirmed' },
  { _id: 'r2', buildingId: 'B1', binding: 'pending' },
  { _id: 'r3', buildingId: 'B2', binding: 'confirmed' },
  { _id: 'r4', buildingId: 'B9', binding: 'confirmed' },
  { _id: 'h1', buildingId: 'B1', binding: 'confirmed' },
];
const groups = [
  { _id: 'g1', buildingId: 'B1', robotWebhookKey: 'k1' },
  { _id: 'g2', buildingId: 'B2', robotWebhookKey: null },
  { _id: 'g3', buildingId: 'B3', robotWebhookKey: 'k3' },
  { _id: 'g9', buildingId: 'B9', robotWebhookKey: 'k9' },
];

describe('delivery planner', () => {
  const plan = planDeliveries({ announcementId: 'A', buildings, residents, groups, granted: new Set(['r1', 'r2', 'r4']) });

  it('plans feed per confirmed resident, subscribe per granted one, robot per group with a webhook, a share task per head', () => {
    expect(plan.map((p) => [p.channel, p.recipient, p.buildingId])).toEqual([
      ['feed', 'r1', 'B1'],
      ['subscribe', 'r1', 'B1'],
      ['feed', 'r3', 'B2'],
      ['feed', 'h1', 'B1'],
      ['robot', 'g1', 'B1'],
      ['robot', 'g3', 'B3'],
      ['share_task', 'h1', 'B1'],
      ['share_task', 'h2', 'B2'],
    ]);
    expect(countByChannel(plan)).toEqual({ feed: 3, subscribe: 1, robot: 2, share_task: 2 });
  });

  it('leaves out pending residents, residents of other buildings and residents without a grant', () => {
    expect(plan.some((p) => p.recipient === 'r2')).toBe(false);
    expect(plan.some((p) => p.recipient === 'r4' || p.recipient === 'g9')).toBe(false);
    expect(plan.some((p) => p.channel === 'subscribe' && p.recipient === 'r3')).toBe(false);
  });

  it('overlapping targets (the same building or resident twice) give no duplicates; keys are stable', () => {
    const twice = planDeliveries({
      announcementId: 'A',
      buildings: [...buildings, buildings[0] as (typeof buildings)[0]],
      residents: [...residents, ...residents],
      groups: [...groups, ...groups],
      granted: new Set(['r1']),
    });
    expect(twice.map((p) => p._id)).toEqual(plan.map((p) => p._id));
    expect(new Set(twice.map((p) => p._id)).size).toBe(twice.length);
    expect(plan[0]?._id).toBe('A:feed:r1');
    expect(plan.find((p) => p.channel === 'share_task')?._id).toBe('A:share_task:B1:h1');
  });

  it('one head of two buildings gets a task per building', () => {
    const p = planDeliveries({
      announcementId: 'A',
      buildings: [
        { _id: 'B1', buildingHeadOpenid: 'h' },
        { _id: 'B2', buildingHeadOpenid: 'h' },
      ],
      residents: [],
      groups: [],
      granted: new Set(),
    });
    expect(p.map((d) => d.buildingId)).toEqual(['B1', 'B2']);
  });
});

describe('awareness roll-up', () => {
  const rows = [
    { buildingId: 'B1', buildingName: '1栋', estateId: 'E1', communityId: 'C1', residents: 10, readers: 5, groupReads: 2 },
    { buildingId: 'B2', buildingName: '2栋', estateId: 'E1', communityId: 'C1', residents: 30, readers: 3, groupReads: 0 },
    { buildingId: 'B3', buildingName: '1栋', estateId: 'E2', communityId: 'C1', residents: 0, readers: 0, groupReads: 1 },
    { buildingId: 'B4', buildingName: '1栋', estateId: 'E3', communityId: 'C2', residents: 4, readers: 4, groupReads: 0 },
  ];
  const report = rollUpAwareness(
    rows,
    new Map([
      ['C1', '和平社区'],
      ['C2', '紫荆社区'],
      ['E1', '天府花园'],
      ['E2', '锦城丽苑'],
      ['E3', '紫荆苑'],
    ]),
    new Map([
      ['C1', 1],
      ['C2', 2],
      ['E1', 1],
      ['E2', 2],
      ['E3', 1],
    ]),
  );

  it('sums readers and residents upwards (never averages rates)', () => {
    expect(report).toMatchObject({ residents: 44, readers: 12, rate: 0.2727, groupReads: 3 });
    const [c1, c2] = report.communities;
    expect(c1).toMatchObject({ id: 'C1', name: '和平社区', residents: 40, readers: 8, rate: 0.2, groupReads: 3 });
    expect(c1?.estates.map((e) => [e.name, e.residents, e.readers, e.rate])).toEqual([
      ['天府花园', 40, 8, 0.2],
      ['锦城丽苑', 0, 0, 0],
    ]);
    expect(c1?.estates[0]?.buildings.map((b) => [b.name, b.rate, b.unread])).toEqual([
      ['1栋', 0.5, 5],
      ['2栋', 0.1, 27],
    ]);
    expect(c2).toMatchObject({ rate: 1 });
  });

  it('a building with nobody bound has rate 0, and readers never exceed residents', () => {
    const r = rollUpAwareness([
      { buildingId: 'B', buildingName: 'B', estateId: 'E', communityId: 'C', residents: 2, readers: 5, groupReads: 0 },
    ]);
    expect(r).toMatchObject({ residents: 2, readers: 2, rate: 1 });
    expect(rollUpAwareness([])).toMatchObject({ residents: 0, readers: 0, rate: 0, communities: [] });
  });
});

describe('body format, messages and retry rules', () => {
  it('parses paragraphs, bold and both list kinds', () => {
    expect(parseBody('第一段**重点**。\n第二行\n\n1. 甲\n2、乙\n- 丙\n\n**未闭合')).toEqual([
      { type: 'paragraph', spans: [{ text: '第一段' }, { text: '重点', bold: true }, { text: '。\n第二行' }] },
      { type: 'list', ordered: true, items: [[{ text: '甲' }], [{ text: '乙' }]] },
      { type: 'list', ordered: false, items: [[{ text: '丙' }]] },
      { type: 'paragraph', spans: [{ text: '**未闭合' }] },
    ]);
    expect(parseBody(' \n\n ')).toEqual([]);
  });

  it('trims robot messages to 2048 UTF-8 bytes on a character boundary', () => {
    const long = parseBody('文'.repeat(2000));
    const msg = robotMessageOf({ title: '标题', category: '温馨提示', blocks: long });
    expect(utf8Bytes(msg.markdown.content)).toBeLessThanOrEqual(2048);
    expect(msg.markdown.content).toMatch(/^\*\*【温馨提示】标题\*\*/);
    expect(msg.markdown.content).toContain('…');
    expect(trimToBytes('a😀b', 5)).toBe('a…');
    expect(trimToBytes('abc', 3)).toBe('abc');
  });

  it('subscribe data fits the template field limits', () => {
    const data = subscribeDataOf(
      { title: '一二三四五六七八九十一二三四五六七八九十一', category: '活动招募', publishedAt: Date.UTC(2025, 2, 1, 0, 0) },
      0,
    );
    expect([...data.thing1.value]).toHaveLength(20);
    expect(data.time3.value).toBe('2025-03-01 08:00');
  });

  it('backs off exponentially, gives up after MAX_ATTEMPTS, 43101 is final', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(outcomeOf(0, 'ok', 1, 0)).toEqual({ state: 'sent' });
    expect(outcomeOf(43101, 'refuse', 1, 0)).toMatchObject({ state: 'no_grant' });
    expect(outcomeOf(-1, 'busy', 2, 1000)).toMatchObject({ state: 'planned', nextAttemptAt: 61_000 });
    expect(outcomeOf(undefined, 'ECONNRESET', MAX_ATTEMPTS, 0)).toMatchObject({ state: 'failed' });
  });

  it('robot minutes: the last seconds of a minute are guarded', () => {
    expect(robotMinute(120_500)).toEqual({ minute: 120_000, guarded: false });
    expect(robotMinute(179_000)).toEqual({ minute: 120_000, guarded: true });
  });
});
