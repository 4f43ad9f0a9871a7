import { recruitmentAnnouncement, recruitmentRequestIdOf } from '../../../src/domain/activity/recruitment.rules';
import { parseBody } from '../../../src/domain/announce/announce.body';
import { BODY_MAX, TITLE_MAX } from '../../../src/domain/announce/announce.rules';
import { REQUEST_ID, REQUEST_ID_MAX } from '../../../src/domain/shared/request-id';

const HOUR = 3600_000;
// 2026-03-07 09:00 China time.
const AT = Date.UTC(2026, 2, 7, 1, 0, 0);
const activity = {
  title: '清洁家园·楼道大扫除',
  category: '清洁家园',
  description: '清理楼道杂物和小广告，带上手套',
  address: '和平社区活动中心门口',
  organiser: { kind: 'org' as const, unitId: 'c1', name: '和平社区新时代文明实践站' },
  contactName: '王老师',
  requirements: { skills: ['急救'], partyOnly: true, minAge: 18, maxAge: 60 },
  signUpClosesAt: AT - HOUR,
};

describe('活动招募公告', () => {
  it('says what, when, where, how many, who may and how to sign up, in China time', () => {
    const { title, body } = recruitmentAnnouncement(activity, [{ startAt: AT, endAt: AT + 2 * HOUR, quota: 10 }]);
    expect(title).toBe('活动招募｜清洁家园·楼道大扫除');
    expect(body).toContain('- 时间：2026-03-07 09:00–11:00');
    expect(body).toContain('- 名额：共 10 人');
    expect(body).toContain('- 报名条件：仅限党员；18–60 周岁；需具备：急救');
    expect(body).toContain('- 报名截止：2026-03-07 08:00');
    expect(body).toContain('活动广场');
    // It is valid markdown-lite: a bold title, the description, a list.
    expect(parseBody(body).map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'list', 'paragraph']);
  });

  it('several sessions read as a start and a count; long titles and descriptions stay inside the announcement limits', () => {
    const many = [0, 1, 2].map((d) => ({ startAt: AT + d * 24 * HOUR, endAt: AT + d * 24 * HOUR + HOUR, quota: 5 }));
    const { title, body } = recruitmentAnnouncement(
      {
        ...activity,
        title: '文'.repeat(40),
        description: '内'.repeat(500),
        requirements: { skills: [], partyOnly: false, minAge: null, maxAge: null },
      },
      many.reverse(),
    );
    expect(body).toContain('- 时间：2026-03-07 09:00 起，共 3 场');
    expect(body).toContain('- 名额：共 15 人');
    expect(body).toContain('- 报名条件：通过审核的志愿者');
    expect(Array.from(title).length).toBeLessThanOrEqual(TITLE_MAX);
    expect(Array.from(body).length).toBeLessThanOrEqual(BODY_MAX);
  });

  it("the announcement's request id is one per activity and a valid request id", () => {
    const id = recruitmentRequestIdOf('act-0123456789abcdef0123');
    expect(id).toMatch(REQUEST_ID);
    expect(id.length).toBeLessThanOrEqual(REQUEST_ID_MAX);
  });
});
