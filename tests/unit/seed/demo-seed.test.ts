import { buildDemoSeed, DEMO_SEED_COLLECTIONS, type DemoSeed, SEED_NOW } from '../../../local-cloud/seed/demo-seed';
import { createPrng } from '../../../local-cloud/seed/prng';
import { teamCanServe } from '../../../src/domain/catalog/catalog.rules';
import { ROLE_SCOPE_KIND, ROLES } from '../../../src/domain/identity/role';
import { type BuildingUnit, ORG_PARENT_KIND, type OrgUnit } from '../../../src/domain/org/org.types';

const seed: DemoSeed = buildDemoSeed();
const units = new Map<string, OrgUnit>(seed.org_units.map((u) => [u._id, u]));
const teams = new Map(seed.teams.map((t) => [t._id, t]));
const users = new Map(seed.users.map((u) => [u._id, u]));
const ofKind = (k: OrgUnit['kind']) => seed.org_units.filter((u) => u.kind === k);
const buildings = ofKind('building') as BuildingUnit[];
const withRole = (role: string) => seed.users.filter((u) => u.roles.some((g) => g.role === role));

describe('demo seed', () => {
  it('is deterministic', () => {
    expect(buildDemoSeed()).toEqual(seed);
    expect(JSON.stringify(buildDemoSeed())).toBe(JSON.stringify(seed));
  });

  it('does not depend on Math.random or Date.now', () => {
    const random = jest.spyOn(Math, 'random');
    const now = jest.spyOn(Date, 'now');
    buildDemoSeed();
    expect(random).not.toHaveBeenCalled();
    expect(now).not.toHaveBeenCalled();
    random.mockRestore();
    now.mockRestore();
  });

  it('fills exactly the declared collections', () => {
    expect(Object.keys(seed).sort()).toEqual([...DEMO_SEED_COLLECTIONS].sort());
  });

  it('has unique ids per collection', () => {
    for (const [name, docs] of Object.entries(seed) as [string, { _id: string }[]][]) {
      const ids = docs.map((d) => d._id);
      expect({ name, dupes: ids.length - new Set(ids).size }).toEqual({ name, dupes: 0 });
    }
  });

  describe('counts', () => {
    it('org tree: 1 subdistrict, 3 communities, ~10 estates, 60 buildings', () => {
      expect(ofKind('subdistrict')).toHaveLength(1);
      expect(ofKind('community')).toHaveLength(3);
      expect(ofKind('estate').length).toBeGreaterThanOrEqual(8);
      expect(ofKind('estate').length).toBeLessThanOrEqual(12);
      expect(buildings).toHaveLength(60);
    });

    it('every building has exactly one WeChat group, about half with a robot', () => {
      for (const b of buildings) expect(seed.wechat_groups.filter((g) => g.buildingId === b._id)).toHaveLength(1);
      expect(seed.wechat_groups).toHaveLength(60);
      const robots = seed.wechat_groups.filter((g) => g.robotWebhookKey).length;
      expect(robots).toBeGreaterThanOrEqual(25);
      expect(robots).toBeLessThanOrEqual(35);
      const keys = seed.wechat_groups.flatMap((g) => (g.robotWebhookKey ? [g.robotWebhookKey] : []));
      expect(new Set(keys).size).toBe(keys.length);
      for (const k of keys) expect(k).toMatch(/^local-robot-\d{4}$/);
    });

    it('5 teams, ~40 volunteers, ~200 residents, staff and admin', () => {
      expect(seed.teams).toHaveLength(5);
      const volunteers = seed.users.filter((u) => u._id.startsWith('o-volunteer-'));
      expect(volunteers.length).toBeGreaterThanOrEqual(35);
      expect(volunteers.length).toBeLessThanOrEqual(45);
      const residents = seed.users.filter((u) => u._id.startsWith('o-resident-'));
      expect(residents.length).toBeGreaterThanOrEqual(180);
      expect(residents.length).toBeLessThanOrEqual(220);
      const pending = residents.filter((u) => u.binding === 'pending').length;
      expect(pending).toBeGreaterThan(0);
      expect(pending).toBeLessThan(residents.length / 10);
      expect(withRole('team_leader')).toHaveLength(5);
      expect(withRole('institute_staff')).toHaveLength(2);
      expect(withRole('admin')).toHaveLength(1);
      for (const c of ofKind('community')) {
        const staff = seed.users.filter((u) => u.roles.some((g) => g.role === 'station_staff' && g.scopeId === c._id));
        expect(staff.length).toBeGreaterThanOrEqual(1);
        expect(staff.length).toBeLessThanOrEqual(2);
      }
    });

    it('every building has a building head and at least one resident', () => {
      for (const b of buildings) {
        expect(b.buildingHeadOpenid).toBeDefined();
        const head = users.get(b.buildingHeadOpenid as string);
        expect(head?.roles).toContainEqual({ role: 'building_head', scopeId: b._id });
        expect(seed.users.some((u) => u._id.startsWith('o-resident-') && u.buildingId === b._id)).toBe(true);
      }
      expect(withRole('building_head')).toHaveLength(60);
    });

    it('~20 catalog items covering all 8 categories, with 1-2 wishes', () => {
      expect(seed.catalog_categories.map((c) => c.name)).toEqual([
        '敬老助残',
        '医疗健康',
        '便民维修',
        '文明礼仪',
        '政策宣传',
        '环境整治',
        '法律咨询',
        '心理关爱',
      ]);
      expect(seed.catalog_items.length).toBeGreaterThanOrEqual(18);
      expect(seed.catalog_items.length).toBeLessThanOrEqual(24);
      for (const c of seed.catalog_categories) {
        expect(seed.catalog_items.some((i) => i.categoryId === c._id)).toBe(true);
      }
      const wishes = seed.catalog_items.filter((i) => i.kind === 'wish').length;
      expect(wishes).toBeGreaterThanOrEqual(1);
      expect(wishes).toBeLessThanOrEqual(2);
      for (const i of seed.catalog_items) {
        expect(i.description.length).toBeGreaterThan(15);
        expect(i.responseHours).toBeGreaterThan(0);
        expect(i.skills.length).toBeGreaterThan(0);
      }
    });
  });

  describe('referential integrity', () => {
    it('org tree: parentId, path and kinds line up', () => {
      for (const u of seed.org_units) {
        const parentKind = ORG_PARENT_KIND[u.kind];
        if (parentKind === null) {
          expect(u.parentId).toBeNull();
          expect(u.path).toEqual([]);
          continue;
        }
        const parent = units.get(u.parentId as string);
        expect(parent?.kind).toBe(parentKind);
        expect(u.path).toEqual([...(parent as OrgUnit).path, (parent as OrgUnit)._id]);
        for (const id of u.path) expect(units.has(id)).toBe(true);
      }
    });

    it('practice bodies are named on subdistrict and community', () => {
      for (const u of seed.org_units) {
        if (u.kind === 'subdistrict') expect(u.instituteName).toMatch(/实践所$/);
        if (u.kind === 'community') expect(u.stationName).toMatch(/实践站$/);
      }
    });

    it('groups point at buildings', () => {
      for (const g of seed.wechat_groups) expect(units.get(g.buildingId)?.kind).toBe('building');
    });

    it('users: buildingId is a building, every role grant scope has the right kind', () => {
      for (const u of seed.users) {
        expect(u.roles.length).toBeGreaterThan(0);
        if (u.buildingId !== undefined) {
          expect(units.get(u.buildingId)?.kind).toBe('building');
          expect(u.room).toMatch(/^\d单元\d{3,4}$/);
          expect(['pending', 'confirmed']).toContain(u.binding);
        }
        for (const g of u.roles) {
          expect(ROLES).toContain(g.role);
          const kind = ROLE_SCOPE_KIND[g.role];
          if (kind === 'team') expect(teams.has(g.scopeId)).toBe(true);
          else if (kind === 'unit') expect(seed.handling_units.some((h) => h._id === g.scopeId)).toBe(true);
          else expect({ grant: g, kind: units.get(g.scopeId)?.kind }).toEqual({ grant: g, kind });
          if (g.role === 'resident') expect(u.buildingId).toBe(g.scopeId);
        }
      }
    });

    it('teams: leader and members exist and hold matching grants', () => {
      for (const t of seed.teams) {
        expect(t.memberOpenids).toContain(t.leaderOpenid);
        expect(users.get(t.leaderOpenid)?.roles).toContainEqual({ role: 'team_leader', scopeId: t._id });
        expect(new Set(t.memberOpenids).size).toBe(t.memberOpenids.length);
        for (const m of t.memberOpenids) {
          expect(users.get(m)?.roles).toContainEqual({ role: 'volunteer', scopeId: t._id });
        }
        for (const a of t.serviceArea) expect(units.has(a)).toBe(true);
        expect(t.skills.length).toBeGreaterThan(0);
        expect(t.rating).toBeGreaterThanOrEqual(0);
        expect(t.rating).toBeLessThanOrEqual(5);
      }
      // Every volunteer grant is mirrored by team membership.
      for (const u of seed.users) {
        for (const g of u.roles.filter((r) => r.role === 'volunteer')) {
          expect(teams.get(g.scopeId)?.memberOpenids).toContain(u._id);
        }
      }
    });

    it('catalog items point at categories and the institute', () => {
      const cats = new Set(seed.catalog_categories.map((c) => c._id));
      for (const i of seed.catalog_items) {
        expect(cats.has(i.categoryId)).toBe(true);
        expect(units.get(i.instituteId)?.kind).toBe('subdistrict');
      }
    });

    it('every item can be served by some team in every building', () => {
      for (const item of seed.catalog_items) {
        for (const b of buildings) {
          expect({ item: item._id, b: b._id, ok: seed.teams.some((t) => teamCanServe(t, item, b)) }).toEqual({
            item: item._id,
            b: b._id,
            ok: true,
          });
        }
      }
    });
  });

  describe('privacy and time', () => {
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(seed);

    it('contains no full mainland phone number', () => {
      expect(strings.length).toBeGreaterThan(1000);
      // List sort keys start with a 13-digit timestamp, which is no phone number.
      expect(strings.filter((s) => /1[3-9]\d{9}/.test(s.replace(/^\d{13}-/, '')))).toEqual([]);
    });

    it('names are masked and phones are masked', () => {
      for (const u of seed.users) {
        expect(u.displayName).toMatch(/^[\u4e00-\u9fa5]{1,2}\*$/);
        if (u.phoneMasked !== undefined) expect(u.phoneMasked).toMatch(/^1[3-9]\d\*{4}\d{4}$/);
      }
    });

    it('timestamps are epoch ms at or before SEED_NOW', () => {
      for (const docs of Object.values(seed) as { createdAt: number; updatedAt: number; at?: number }[][]) {
        for (const d of docs) {
          // Timeline events carry their moment as `at` only.
          if (d.at !== undefined && d.createdAt === undefined) {
            expect(d.at).toBeLessThanOrEqual(SEED_NOW);
            continue;
          }
          expect(Number.isInteger(d.createdAt)).toBe(true);
          expect(d.createdAt).toBeLessThanOrEqual(SEED_NOW);
          expect(d.updatedAt).toBeGreaterThanOrEqual(d.createdAt);
        }
      }
    });
  });
});

describe('prng', () => {
  it('repeats for the same seed and differs for another', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
    for (const x of sa) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it('int stays in range, shuffle is a permutation', () => {
    const r = createPrng(7);
    for (let i = 0; i < 500; i++) {
      const n = r.int(3, 9);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
    }
    const xs = Array.from({ length: 30 }, (_, i) => i);
    expect(r.shuffle(xs).sort((x, y) => x - y)).toEqual(xs);
    expect(new Set(r.sample(xs, 10)).size).toBe(10);
  });
});
