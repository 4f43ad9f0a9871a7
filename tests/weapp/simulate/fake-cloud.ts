/**
 * Stands in for WeChat Cloud (`wx.cloud`) inside the simulator: `callFunction` answers
 * `{ result: { ok: true, data } }` from the fixtures by "<function>.<action>", a page's own
 * answers first. Every call is recorded; a call nobody answers is recorded as unanswered and gets
 * a NOT_FOUND error, so the test can tell a page that showed its data from one that showed an error.
 */
import * as f from './fixtures';
import * as t from './team-fixtures';

export type Answers = Record<string, unknown>;

export const DEFAULT_ANSWERS: Answers = {
  'catalog.listCategories': f.CATEGORIES,
  'catalog.listItems': f.ITEMS,
  'identity.whoami': f.WHOAMI,
  'identity.home': f.RESIDENT_HOME,
  'identity.myBinding': f.BINDING,
  'identity.listBuildings': f.BUILDINGS,
  'identity.listBuildingResidents': f.RESIDENTS,
  'identity.listBindingRequests': f.BINDING_REQUESTS,
  'identity.invitations': { me: f.WHOAMI, roots: f.ORG_TREE.roots, issued: [] },
  'order.mine': f.MY_ORDERS,
  'order.queue': f.QUEUE,
  'order.inbox': f.INBOX,
  'order.pool': f.POOL,
  'order.memberOrders': f.MEMBER_ORDERS,
  'order.detail': f.RESIDENT_DETAIL,
  'order.recommendTeams': f.RECOMMENDATIONS,
  'order.pointsMine': f.POINTS,
  'team.myVolunteer': t.MY_VOLUNTEER,
  'team.listCommunities': t.COMMUNITIES,
  'team.listTeams': t.TEAMS,
  'team.teamDetail': t.MY_TEAM,
  'team.listJoinRequests': t.JOIN_REQUESTS,
  'team.listVolunteerApplications': t.VOLUNTEER_APPLICATIONS,
  'stats.overview': f.STATS,
  'org.tree': f.ORG_TREE,
  'announce.feed': f.FEED,
  'announce.detail': f.ANNOUNCE_DETAIL,
  'announce.preview': f.ANNOUNCE_PREVIEW,
  'announce.mine': f.ANNOUNCE_MINE,
  'announce.progress': f.PROGRESS,
  'announce.awareness': f.AWARENESS,
  'announce.shareTasks': f.SHARE_TASKS,
  'announce.unread': f.UNREAD,
  'announce.subscribeTemplate': { templateId: 'TPL_ANNOUNCEMENT' },
  // One call per screen: the composed views, from the same fixtures as the smaller actions.
  'catalog.category': { categoryId: 'c-repair', name: '便民维修', items: f.ITEMS.items },
  'order.form': { item: f.ITEMS.items[0], binding: f.BINDING },
  'identity.mine': { me: f.WHOAMI, binding: f.BINDING },
  'identity.proxySetup': {
    buildings: [{ scopeId: 'b1', scopeName: '天府花园 1栋' }],
    buildingId: 'b1',
    residents: f.RESIDENTS,
    categories: f.CATEGORIES.categories,
  },
  'order.teamConsole': { leads: [{ teamId: 't1', name: '银龄之声' }], serves: [{ teamId: 't1', name: '银龄之声' }], page: f.INBOX },
  'order.teamOrder': { detail: f.TEAM_DETAIL, myOpenid: f.WHOAMI.openid, members: t.MY_TEAM.members },
  'team.teams': { teams: t.TEAMS, volunteer: t.MY_VOLUNTEER },
  'team.teamPage': { team: t.MY_TEAM, requests: t.JOIN_REQUESTS, volunteer: null },
  'team.registration': { volunteer: t.MY_VOLUNTEER, communities: t.COMMUNITIES },
  'team.manageTeams': { teams: t.TEAMS, canCreate: false },
  'identity.bindingPage': { binding: f.BINDING, buildings: f.BUILDINGS },
};

export interface FakeCloud {
  calls: Array<{ name: string; data: unknown }>;
  unanswered: string[];
  /** The answers that win over the defaults until the next `use` (one page's world). */
  use(answers: Answers): void;
}

export function installFakeCloud(): FakeCloud {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  let overrides: Answers = {};
  const cloud: FakeCloud = {
    calls: [],
    unanswered: [],
    use(answers) {
      overrides = answers;
    },
  };
  wx.cloud = {
    init: () => undefined,
    callFunction: async ({ name, data }: { name: string; data?: { action?: string } }) => {
      cloud.calls.push({ name, data });
      const key = `${name}.${data?.action ?? ''}`;
      const answer = Object.hasOwn(overrides, key) ? overrides[key] : DEFAULT_ANSWERS[key];
      if (answer === undefined) {
        cloud.unanswered.push(key);
        return { result: { ok: false, code: 'NOT_FOUND', message: `模拟器没有 ${key} 的答复` } };
      }
      return { result: { ok: true, data: JSON.parse(JSON.stringify(answer)) } };
    },
  };
  return cloud;
}
