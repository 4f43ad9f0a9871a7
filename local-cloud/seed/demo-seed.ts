/**
 * Deterministic demo seed: a 桂溪-like subdistrict with its grid, WeChat groups, people,
 * volunteer teams and service menu. Pure: returns data, writes nothing, and uses only the
 * seeded PRNG (no Math.random, no Date.now) so every call returns the same documents.
 *
 * Privacy: names are masked (张*), phones are masked (138****1234); no clear PII anywhere.
 */
import {
  CATALOG_CATEGORIES,
  CATALOG_ITEMS,
  HANDLING_UNITS,
  ORG_UNITS,
  PROBLEM_ASSIGNMENTS,
  PROBLEM_CATEGORIES,
  PROBLEM_EVENTS,
  PROBLEMS,
  TEAMS,
  USERS,
  VOLUNTEER_PROFILES,
  WECHAT_GROUPS,
} from '../../database/collections';
import type { CatalogCategory, CatalogItem } from '../../src/domain/catalog/catalog.types';
import type { ItemFormField } from '../../src/domain/catalog/item-form';
import type { Role, RoleGrant, UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit, CommunityUnit, EstateUnit, OrgUnit, SubdistrictUnit, Team, WechatGroup } from '../../src/domain/org/org.types';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import { createPrng, type Prng } from './prng';
import { buildProblemSeed, type ProblemSeed } from './problem-seed';

/** The seed's notion of "now": 2025-03-01T00:00:00Z. All seed timestamps are at or before it. */
export const SEED_NOW = 1740787200000;
const DAY_MS = 24 * 60 * 60 * 1000;
const PRNG_SEED = 20250301;

/** Collections the demo seed fills, in load order. */
export const DEMO_SEED_COLLECTIONS = [
  ORG_UNITS,
  WECHAT_GROUPS,
  USERS,
  VOLUNTEER_PROFILES,
  TEAMS,
  CATALOG_CATEGORIES,
  CATALOG_ITEMS,
  PROBLEM_CATEGORIES,
  HANDLING_UNITS,
  PROBLEMS,
  PROBLEM_EVENTS,
  PROBLEM_ASSIGNMENTS,
] as const;
export type DemoSeedCollection = (typeof DEMO_SEED_COLLECTIONS)[number];

/** The demo seed, keyed by collection name. Assignable to `Record<string, object[]>`. */
export type DemoSeed = {
  org_units: OrgUnit[];
  wechat_groups: WechatGroup[];
  users: UserProfile[];
  /** Sealed name and phone are added when loading (local-cloud/seeding.ts), as for users. */
  volunteer_profiles: SeedVolunteerProfile[];
  teams: Team[];
  catalog_categories: CatalogCategory[];
  catalog_items: CatalogItem[];
  /** Grid problems (local-cloud/seed/problem-seed.ts). */
  problem_categories: ProblemSeed['problem_categories'];
  handling_units: ProblemSeed['handling_units'];
  problems: ProblemSeed['problems'];
  problem_events: ProblemSeed['problem_events'];
  problem_assignments: ProblemSeed['problem_assignments'];
};

// Compile-time check: a DemoSeed is a plain collection map.
const _seedShapeCheck: (s: DemoSeed) => Record<DemoSeedCollection, object[]> = (s) => s;
void _seedShapeCheck;

export const SUBDISTRICT_ID = 'org-subdistrict-01';

/** A volunteer registration as the seed declares it: the clear PII is sealed in when loading. */
/** The seed's one 在职党员 (no 工作单位, so the 双报到 unit statistics stay as they were). */
export const WISH_ADOPTER = 'o-volunteer-0039';

export type SeedVolunteerProfile = Omit<VolunteerProfile, 'realNameSealed' | 'phoneSealed'>;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Static shape of the demo world
// ---------------------------------------------------------------------------------------------

const SUBDISTRICT = { name: '桂溪街道', instituteName: '桂溪街道新时代文明实践所' };

/** 3 communities → 10 estates → 60 buildings (8+6+5+7 + 6+5+4 + 7+6+6). */
const COMMUNITIES: ReadonlyArray<{ name: string; estates: ReadonlyArray<readonly [string, number]> }> = [
  {
    name: '和平社区',
    estates: [
      ['天府花园', 8],
      ['锦城丽苑', 6],
      ['和平家园', 5],
      ['桂溪花园', 7],
    ],
  },
  {
    name: '紫荆社区',
    estates: [
      ['紫荆苑', 6],
      ['芳草雅居', 5],
      ['翠柳苑', 4],
    ],
  },
  {
    name: '新南社区',
    estates: [
      ['新南小区', 7],
      ['南城都汇', 6],
      ['盛世桐城', 6],
    ],
  },
];

/** Station staff per community (by community order). */
const STATION_STAFF_PER_COMMUNITY = [2, 1, 2];

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '罗',
  '高',
  '林',
  '郑',
  '梁',
  '谢',
  '唐',
  '许',
  '冯',
  '宋',
  '韩',
  '邓',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '潘',
  '袁',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '魏',
  '苏',
  '吕',
  '丁',
  '任',
  '卢',
  '姚',
  '沈',
  '钟',
  '姜',
  '崔',
  '谭',
  '陆',
  '范',
  '汪',
  '廖',
  '石',
  '金',
  '欧阳',
  '司马',
];

const NICK_HEADS = [
  '阳光',
  '微笑',
  '幸福',
  '平凡',
  '安静',
  '快乐',
  '晴天',
  '清风',
  '向日葵',
  '慢时光',
  '桂溪',
  '蓉城',
  '锦江',
  '熊猫',
  '茉莉',
  '小满',
  '知足',
  '随缘',
  '春风',
  '星河',
];
const NICK_TAILS = [
  '奶奶',
  '大爷',
  '阿姨',
  '叔叔',
  '宝妈',
  '老爸',
  '小王',
  '小李',
  '的猫',
  '小鱼',
  '行者',
  '日记',
  '时光',
  '人家',
  '妞妞',
  '豆豆',
  '老师',
  '师傅',
  '同学',
  '少年',
];

const PHONE_PREFIXES = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '177',
  '180',
  '186',
  '187',
  '188',
  '189',
  '199',
];

interface TeamSpec {
  name: string;
  intro: string;
  skills: string[];
  serviceArea: string[];
  rating: number;
  size: number;
}

/** 5 teams; sizes sum to the 40 volunteer accounts (leaders come on top). */
const TEAM_SPECS: readonly TeamSpec[] = [
  {
    name: '银龄之声',
    intro: '退休教师和文艺骨干组成的宣讲队，用川剧、快板和龙门阵讲政策、送温暖。',
    skills: ['文艺演出', '政策讲解', '陪伴聊天', '智能手机教学', '心理疏导', '矛盾调解'],
    serviceArea: [SUBDISTRICT_ID],
    rating: 4.9,
    size: 10,
  },
  {
    name: '豆花帮帮团',
    intro: '街坊邻里互帮互助，助餐送餐、代买代办，像一碗热豆花一样暖心。',
    skills: ['助餐送餐', '代购代办', '陪伴聊天', '健康监测', '环境清洁'],
    serviceArea: ['org-community-01', 'org-community-02'],
    rating: 4.8,
    size: 9,
  },
  {
    name: '红袖标巡防队',
    intro: '戴着红袖标的平安守护者，日常巡逻、文明劝导、调解邻里小纠纷。',
    skills: ['巡逻防控', '文明劝导', '矛盾调解', '环境清洁', '垃圾分类'],
    serviceArea: ['org-community-01', 'org-estate-08'],
    rating: 4.7,
    size: 8,
  },
  {
    name: '青春志愿先锋',
    intro: '辖区高校和企业青年志愿者，提供法律、健康、课业辅导等专业服务。',
    skills: [
      '法律咨询',
      '义诊',
      '健康监测',
      '心理疏导',
      '课业辅导',
      '智能手机教学',
      '垃圾分类',
      '文明劝导',
      '代购代办',
      '政策讲解',
      '助餐送餐',
    ],
    serviceArea: [SUBDISTRICT_ID],
    rating: 4.8,
    size: 7,
  },
  {
    name: '邻里修缮队',
    intro: '有手艺的热心居民组成，水电、家电、门窗小修小补随叫随到。',
    skills: ['水电维修', '家电维修', '门窗维修', '环境清洁'],
    serviceArea: [SUBDISTRICT_ID],
    rating: 4.6,
    size: 6,
  },
];

/** Volunteers (by 1-based index) who also serve in a second team (0-based team index). */
const SECOND_TEAM: ReadonlyArray<readonly [number, number]> = [
  [3, 3],
  [12, 0],
  [25, 4],
];
/** Building heads (by 1-based index) who also volunteer in a team (0-based team index). */
const HEAD_VOLUNTEERS: ReadonlyArray<readonly [number, number]> = [[1, 2]];

const CATEGORIES: ReadonlyArray<readonly [string, string]> = [
  ['敬老助残', '🧓'],
  ['医疗健康', '🩺'],
  ['便民维修', '🔧'],
  ['文明礼仪', '🤝'],
  ['政策宣传', '📢'],
  ['环境整治', '🧹'],
  ['法律咨询', '⚖️'],
  ['心理关爱', '💗'],
];

interface ItemSpec {
  cat: number; // 1-based category index
  name: string;
  description: string;
  kind?: 'wish';
  hours: number;
  skills: string[];
  poolable: boolean;
  /** 点单附加项: extra questions on the order form. */
  form?: ItemFormField[];
}

const ITEMS: readonly ItemSpec[] = [
  {
    cat: 1,
    name: '独居老人上门陪伴',
    description: '志愿者每周上门陪独居、空巢老人聊天散步，留意身体和生活状况，发现异常及时告知家属和社区。',
    hours: 24,
    skills: ['陪伴聊天'],
    poolable: true,
  },
  {
    cat: 1,
    name: '助餐送餐',
    description: '为行动不便的高龄、残障居民从社区长者食堂代取并送餐上门，可按周预约。',
    hours: 24,
    skills: ['助餐送餐'],
    poolable: true,
    form: [
      { key: 'meal', label: '餐次', type: 'choice', required: false, options: ['午餐', '晚餐', '午餐和晚餐'] },
      { key: 'portions', label: '份数', type: 'number', required: false, min: 1, max: 5, unit: '份' },
      { key: 'diet', label: '饮食禁忌', type: 'text', required: false, maxLength: 30, placeholder: '例如：少盐、不吃辣、糖尿病餐' },
    ],
  },
  {
    cat: 1,
    name: '老年人智能手机教学',
    description: '一对一教老人使用微信视频、健康码、网上挂号和防诈骗常识，可上门或在实践站集中教学。',
    hours: 72,
    skills: ['智能手机教学'],
    poolable: true,
  },
  {
    cat: 1,
    name: '微心愿：为困难老人圆一个小心愿',
    description: '困难、独居老人的小心愿，如一台收音机、一双保暖鞋，由志愿者或爱心单位认领并送达。',
    kind: 'wish',
    hours: 168,
    skills: ['代购代办'],
    poolable: true,
    form: [
      { key: 'wish', label: '心愿物品', type: 'text', required: true, maxLength: 30, placeholder: '例如：一台收音机、一件厚棉衣' },
      { key: 'budget', label: '大约价值', type: 'number', required: false, min: 1, max: 500, unit: '元' },
    ],
  },
  {
    cat: 2,
    name: '上门测血压血糖',
    description: '为慢病老人上门测量血压、血糖并记录，提醒按时服药，数值异常时建议就医。',
    hours: 48,
    skills: ['健康监测'],
    poolable: true,
  },
  {
    cat: 2,
    name: '社区义诊预约',
    description: '预约辖区医院志愿医生在实践站坐诊，提供常见病咨询、用药指导和健康讲座。',
    hours: 72,
    skills: ['义诊'],
    poolable: false,
  },
  {
    cat: 3,
    name: '水电维修',
    description: '水龙头漏水、下水道堵塞、开关插座损坏等小型水电维修，材料费由居民自理。',
    hours: 24,
    skills: ['水电维修'],
    poolable: true,
    form: [
      { key: 'fault', label: '故障类型', type: 'choice', required: false, options: ['漏水', '停电跳闸', '下水堵塞', '灯具开关', '其他'] },
    ],
  },
  {
    cat: 3,
    name: '小家电维修',
    description: '电饭煲、电风扇、电视机等小家电的检查和简单维修，复杂故障协助联系售后。',
    hours: 48,
    skills: ['家电维修'],
    poolable: true,
  },
  {
    cat: 3,
    name: '门窗锁具维修',
    description: '门窗合页松动、纱窗破损、门锁不灵等上门修理，紧急开锁请联系公安备案的开锁单位。',
    hours: 24,
    skills: ['门窗维修'],
    poolable: true,
  },
  {
    cat: 4,
    name: '不文明行为劝导',
    description: '针对高空抛物、楼道吸烟、电瓶车进楼等不文明行为开展劝导和宣传。',
    hours: 48,
    skills: ['文明劝导'],
    poolable: true,
  },
  {
    cat: 4,
    name: '邻里纠纷调解',
    description: '噪音扰民、漏水渗水、停车占道等邻里矛盾，由调解志愿者上门沟通、促成和解。',
    hours: 48,
    skills: ['矛盾调解'],
    poolable: false,
  },
  {
    cat: 5,
    name: '惠民政策上门讲解',
    description: '为老人和困难家庭讲解养老补贴、医保参保、残疾人两项补贴等政策，并协助准备申请材料。',
    hours: 72,
    skills: ['政策讲解'],
    poolable: true,
  },
  {
    cat: 5,
    name: '创城知识宣讲进小区',
    description: '以快板、情景剧等形式在小区开展文明城市创建知识宣讲，可由小区或楼栋预约场次。',
    hours: 168,
    skills: ['政策讲解', '文艺演出'],
    poolable: false,
  },
  {
    cat: 6,
    name: '楼道杂物清理',
    description: '清理楼道堆放的杂物和小广告，消除消防隐患，大件垃圾协助联系物业清运。',
    hours: 48,
    skills: ['环境清洁'],
    poolable: true,
  },
  {
    cat: 6,
    name: '垃圾分类指导',
    description: '在投放点位值守或入户指导垃圾分类，发放分类宣传资料。',
    hours: 72,
    skills: ['垃圾分类'],
    poolable: true,
  },
  {
    cat: 7,
    name: '法律咨询预约',
    description: '预约律师志愿者解答婚姻家庭、房屋租赁、劳动纠纷等法律问题，可视频或到站面谈。',
    hours: 72,
    skills: ['法律咨询'],
    poolable: false,
  },
  {
    cat: 7,
    name: '赡养与遗嘱法律指导',
    description: '为老年人讲解赡养义务、遗嘱订立和财产继承的法律知识，防范养老诈骗。',
    hours: 72,
    skills: ['法律咨询'],
    poolable: false,
  },
  {
    cat: 8,
    name: '心理疏导谈心',
    description: '由心理咨询志愿者为有情绪困扰的居民提供倾听和疏导，必要时转介专业机构。',
    hours: 48,
    skills: ['心理疏导'],
    poolable: false,
  },
  {
    cat: 8,
    name: '留守儿童课后陪伴',
    description: '为双职工和留守家庭的孩子提供课后作业辅导和陪伴，在实践站四点半课堂进行。',
    hours: 72,
    skills: ['课业辅导'],
    poolable: true,
  },
  {
    cat: 8,
    name: '微心愿：困难儿童学习用品',
    description: '困难家庭孩子的书包、文具、课外书等小心愿，由爱心志愿者认领采购并送到孩子手中。',
    kind: 'wish',
    hours: 168,
    skills: ['代购代办'],
    poolable: true,
  },
];

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

function maskedName(rng: Prng): string {
  return `${rng.pick(SURNAMES)}*`;
}

function nickname(rng: Prng): string {
  return `${rng.pick(NICK_HEADS)}${rng.pick(NICK_TAILS)}`;
}

function maskedPhone(rng: Prng): string {
  return `${rng.pick(PHONE_PREFIXES)}****${pad(rng.int(0, 9999), 4)}`;
}

/** A past moment between `minDays` and `maxDays` before SEED_NOW, on a whole second. */
function pastMoment(rng: Prng, minDays: number, maxDays: number): number {
  return SEED_NOW - rng.int(minDays, maxDays) * DAY_MS - rng.int(0, 86399) * 1000;
}

function buildOrg(): { units: OrgUnit[]; buildings: BuildingUnit[]; estateOf: Map<string, EstateUnit> } {
  const stamp = { createdAt: SEED_NOW - 400 * DAY_MS, updatedAt: SEED_NOW - 400 * DAY_MS };
  const subdistrict: SubdistrictUnit = {
    _id: SUBDISTRICT_ID,
    kind: 'subdistrict',
    name: SUBDISTRICT.name,
    instituteName: SUBDISTRICT.instituteName,
    parentId: null,
    path: [],
    order: 1,
    ...stamp,
  };
  const units: OrgUnit[] = [subdistrict];
  const buildings: BuildingUnit[] = [];
  const estateOf = new Map<string, EstateUnit>();
  let estateNo = 0;
  let buildingNo = 0;
  COMMUNITIES.forEach((c, ci) => {
    const community: CommunityUnit = {
      _id: `org-community-${pad(ci + 1, 2)}`,
      kind: 'community',
      name: c.name,
      stationName: `${c.name}新时代文明实践站`,
      parentId: subdistrict._id,
      path: [subdistrict._id],
      order: ci + 1,
      ...stamp,
    };
    units.push(community);
    c.estates.forEach(([estateName, buildingCount], ei) => {
      estateNo += 1;
      const estate: EstateUnit = {
        _id: `org-estate-${pad(estateNo, 2)}`,
        kind: 'estate',
        name: estateName,
        parentId: community._id,
        path: [subdistrict._id, community._id],
        order: ei + 1,
        ...stamp,
      };
      units.push(estate);
      for (let b = 1; b <= buildingCount; b++) {
        buildingNo += 1;
        const building: BuildingUnit = {
          _id: `bld-${pad(buildingNo, 4)}`,
          kind: 'building',
          name: `${b}栋`,
          parentId: estate._id,
          path: [subdistrict._id, community._id, estate._id],
          order: b,
          buildingHeadOpenid: `o-head-${pad(buildingNo, 4)}`,
          ...stamp,
        };
        units.push(building);
        buildings.push(building);
        estateOf.set(building._id, estate);
      }
    });
  });
  return { units, buildings, estateOf };
}

function buildGroups(rng: Prng, buildings: BuildingUnit[], estateOf: Map<string, EstateUnit>): WechatGroup[] {
  const ids = buildings.map((b) => b._id);
  const withRobot = new Set(rng.sample(ids, Math.floor(ids.length / 2)));
  const bound = new Set(rng.sample(ids, Math.floor(ids.length / 3)));
  let robotNo = 0;
  let boundNo = 0;
  return buildings.map((b, i) => {
    const estate = estateOf.get(b._id);
    const stamp = pastMoment(rng, 200, 380);
    return {
      _id: `grp-${pad(i + 1, 4)}`,
      buildingId: b._id,
      name: `${estate?.name ?? ''}${b.name}住户群`,
      opengid: bound.has(b._id) ? `local-opengid-${pad(++boundNo, 4)}` : null,
      robotWebhookKey: withRobot.has(b._id) ? `local-robot-${pad(++robotNo, 4)}` : null,
      createdAt: stamp,
      updatedAt: stamp,
    };
  });
}

/** Hands out rooms unique within each building, e.g. 2单元301. */
function roomAllocator(rng: Prng): (buildingId: string) => string {
  const taken = new Map<string, Set<string>>();
  return (buildingId) => {
    const used = taken.get(buildingId) ?? new Set<string>();
    taken.set(buildingId, used);
    for (;;) {
      const room = `${rng.int(1, 3)}单元${rng.int(1, 18)}${pad(rng.int(1, 4), 2)}`;
      if (!used.has(room)) {
        used.add(room);
        return room;
      }
    }
  };
}

function person(rng: Prng, openid: string, roles: RoleGrant[], extra: Partial<UserProfile> = {}): UserProfile {
  const createdAt = pastMoment(rng, 1, 360);
  return {
    _id: openid,
    nickname: nickname(rng),
    displayName: maskedName(rng),
    roles,
    phoneMasked: maskedPhone(rng),
    ...extra,
    createdAt,
    updatedAt: createdAt,
  };
}

const grant = (role: Role, scopeId: string): RoleGrant => ({ role, scopeId });

/**
 * Everyone the seed puts in a team registered first and was approved, as the app requires
 * (registerVolunteer → decideVolunteer → requestJoin): without that record a volunteer who left
 * their only team could never join one again. Registered in the community their first team (or
 * their building) serves, approved by the institute the day they joined. Uses no PRNG, so the
 * rest of the seed stays as it was.
 */
function approvedRegistrations(users: readonly UserProfile[], teams: readonly Team[], units: readonly OrgUnit[]): SeedVolunteerProfile[] {
  const unitOf = new Map(units.map((u) => [u._id, u]));
  const communityOf = (unitId: string | undefined): string | null => {
    const unit = unitId ? unitOf.get(unitId) : undefined;
    if (!unit || unit.kind === 'subdistrict') return null;
    return unit.kind === 'community' ? unit._id : (unit.path[1] ?? null);
  };
  return users.flatMap((user) => {
    const teamIds = user.roles.filter((g) => g.role === 'volunteer').map((g) => g.scopeId);
    if (teamIds.length === 0) return [];
    const first = teams.find((t) => t._id === teamIds[0]);
    return [
      {
        _id: user._id,
        realNameMasked: user.displayName,
        phoneMasked: user.phoneMasked ?? '',
        skills: (first?.skills ?? []).slice(0, 2),
        availability: '周末全天',
        status: 'approved' as const,
        subdistrictId: SUBDISTRICT_ID,
        communityId: communityOf(user.buildingId) ?? communityOf(first?.serviceArea[0]),
        decisionNote: '',
        decidedBy: 'o-institute-01',
        decidedAt: user.createdAt,
        createdAt: user.createdAt,
        updatedAt: user.createdAt,
      },
    ];
  });
}

const RESIDENT_COUNT = 200;
const PENDING_RESIDENTS = 8;

/** Build the whole demo seed. Same documents on every call. */
export function buildDemoSeed(): DemoSeed {
  const rng = createPrng(PRNG_SEED);
  const { units, buildings, estateOf } = buildOrg();
  const groups = buildGroups(rng, buildings, estateOf);
  const roomFor = roomAllocator(rng);
  const users: UserProfile[] = [];

  // Teams: ids first so grants can point at them.
  const teamIds = TEAM_SPECS.map((_, i) => `team-${pad(i + 1, 2)}`);
  const members: string[][] = TEAM_SPECS.map(() => []);

  // Team leaders (also volunteers of their own team).
  const leaders = TEAM_SPECS.map((_, i) => {
    const openid = `o-leader-${pad(i + 1, 2)}`;
    const teamId = teamIds[i] as string;
    members[i]?.push(openid);
    users.push(person(rng, openid, [grant('team_leader', teamId), grant('volunteer', teamId)]));
    return openid;
  });

  // Volunteers: shuffled into teams by TEAM_SPECS sizes, a few in a second team.
  const volunteerCount = TEAM_SPECS.reduce((n, t) => n + t.size, 0);
  const slots = rng.shuffle(TEAM_SPECS.flatMap((t, ti) => Array.from({ length: t.size }, () => ti)));
  for (let v = 1; v <= volunteerCount; v++) {
    const openid = `o-volunteer-${pad(v, 4)}`;
    const teamIdx = [slots[v - 1] as number];
    for (const [who, second] of SECOND_TEAM) if (who === v && second !== teamIdx[0]) teamIdx.push(second);
    for (const ti of teamIdx) members[ti]?.push(openid);
    users.push(
      person(
        rng,
        openid,
        teamIdx.map((ti) => grant('volunteer', teamIds[ti] as string)),
      ),
    );
  }

  // Building heads: one per building, living there (so also residents of it).
  buildings.forEach((b, i) => {
    const openid = b.buildingHeadOpenid as string;
    const roles = [grant('building_head', b._id), grant('resident', b._id)];
    for (const [who, ti] of HEAD_VOLUNTEERS) {
      if (who === i + 1) {
        roles.push(grant('volunteer', teamIds[ti] as string));
        members[ti]?.push(openid);
      }
    }
    users.push(person(rng, openid, roles, { buildingId: b._id, room: roomFor(b._id), binding: 'confirmed' }));
  });

  // Residents: every building gets at least one, the rest spread at random; a few still pending.
  const pending = new Set(
    rng.sample(
      Array.from({ length: RESIDENT_COUNT }, (_, i) => i + 1),
      PENDING_RESIDENTS,
    ),
  );
  for (let r = 1; r <= RESIDENT_COUNT; r++) {
    const building = r <= buildings.length ? buildings[r - 1] : rng.pick(buildings);
    if (!building) throw new Error('no buildings');
    users.push(
      person(rng, `o-resident-${pad(r, 4)}`, [grant('resident', building._id)], {
        buildingId: building._id,
        room: roomFor(building._id),
        binding: pending.has(r) ? 'pending' : 'confirmed',
      }),
    );
  }

  // Staff.
  let stationNo = 0;
  STATION_STAFF_PER_COMMUNITY.forEach((count, ci) => {
    for (let k = 0; k < count; k++) {
      const openid = `o-station-${pad(++stationNo, 2)}`;
      users.push(person(rng, openid, [grant('station_staff', `org-community-${pad(ci + 1, 2)}`)]));
    }
  });
  for (let k = 1; k <= 2; k++) {
    users.push(person(rng, `o-institute-${pad(k, 2)}`, [grant('institute_staff', SUBDISTRICT_ID)]));
  }
  users.push(person(rng, 'o-admin-01', [grant('admin', SUBDISTRICT_ID)]));

  const teams: Team[] = TEAM_SPECS.map((t, i) => {
    const createdAt = pastMoment(rng, 300, 390);
    return {
      _id: teamIds[i] as string,
      name: t.name,
      intro: t.intro,
      leaderOpenid: leaders[i] as string,
      memberOpenids: members[i] ?? [],
      skills: [...t.skills],
      serviceArea: [...t.serviceArea],
      rating: t.rating,
      createdAt,
      updatedAt: createdAt,
    };
  });

  const catalogStamp = { createdAt: SEED_NOW - 380 * DAY_MS, updatedAt: SEED_NOW - 380 * DAY_MS };
  const categories: CatalogCategory[] = CATEGORIES.map(([name, icon], i) => ({
    _id: `cat-${pad(i + 1, 2)}`,
    name,
    icon,
    order: i + 1,
    ...catalogStamp,
  }));
  const orderInCategory = new Map<number, number>();
  const items: CatalogItem[] = ITEMS.map((it, i) => {
    const order = (orderInCategory.get(it.cat) ?? 0) + 1;
    orderInCategory.set(it.cat, order);
    return {
      _id: `item-${pad(i + 1, 2)}`,
      categoryId: `cat-${pad(it.cat, 2)}`,
      name: it.name,
      description: it.description,
      kind: it.kind ?? 'service',
      responseHours: it.hours,
      skills: [...it.skills],
      poolable: it.poolable,
      ...(it.form ? { form: it.form.map((f) => ({ ...f })) } : {}),
      order,
      instituteId: SUBDISTRICT_ID,
      active: true,
      ...catalogStamp,
    };
  });

  // Grid problems last, without the PRNG, so everything above stays as it was.
  const problemSeed = buildProblemSeed(SUBDISTRICT_ID, units, users, SEED_NOW);
  const volunteerProfiles = approvedRegistrations(users, teams, units);
  // One 在职党员 reporting in (双报到): who 认领s the living demo's 微心愿 on the 心愿墙.
  for (const p of volunteerProfiles) if (p._id === WISH_ADOPTER) Object.assign(p, { partyMember: true, partyReportIn: true });
  users.push(...problemSeed.unitStaff);

  return {
    org_units: units,
    wechat_groups: groups,
    users,
    volunteer_profiles: volunteerProfiles,
    teams,
    catalog_categories: categories,
    catalog_items: items,
    problem_categories: problemSeed.problem_categories,
    handling_units: problemSeed.handling_units,
    problems: problemSeed.problems,
    problem_events: problemSeed.problem_events,
    problem_assignments: problemSeed.problem_assignments,
  };
}
