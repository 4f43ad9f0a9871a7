import { listDemoIdentities } from '../../../local-cloud/seed/demo-identities';
import { buildDemoSeed } from '../../../local-cloud/seed/demo-seed';
import { ROLE_LABELS } from '../../../src/domain/identity/role';

const seed = buildDemoSeed();
const ids = listDemoIdentities(seed);
const byRole = (r: string) => ids.filter((i) => i.primaryRole === r);

describe('listDemoIdentities', () => {
  it('is deterministic and unique per openid', () => {
    expect(listDemoIdentities(buildDemoSeed())).toEqual(ids);
    expect(new Set(ids.map((i) => i.openid)).size).toBe(ids.length);
  });

  it('offers a curated mix of roles', () => {
    expect(byRole('resident')).toHaveLength(3);
    expect(byRole('building_head')).toHaveLength(2);
    expect(byRole('volunteer')).toHaveLength(3);
    expect(byRole('team_leader')).toHaveLength(seed.teams.length);
    expect(byRole('station_staff')).toHaveLength(seed.users.filter((u) => u.roles.some((g) => g.role === 'station_staff')).length);
    expect(byRole('institute_staff')).toHaveLength(2);
    expect(byRole('admin')).toHaveLength(1);
  });

  it('every entry is a seeded user holding its primary role, with a readable label', () => {
    const users = new Map(seed.users.map((u) => [u._id, u]));
    for (const i of ids) {
      const u = users.get(i.openid);
      expect(u).toBeDefined();
      expect(i.name).toBe(u?.displayName);
      expect(i.roles).toContain(i.primaryRole);
      expect(i.label.startsWith(`${ROLE_LABELS[i.primaryRole]} · ${i.name} · `)).toBe(true);
      expect(i.label.split(' · ')[2]?.length).toBeGreaterThan(1);
    }
  });

  it('resident labels carry estate, building and room', () => {
    for (const r of byRole('resident')) expect(r.label).toMatch(/^居民 · .+\* · .+\d+栋\d单元\d{3,4}/);
  });

  it('includes some multi-role users', () => {
    expect(ids.some((i) => i.roles.length >= 3)).toBe(true);
  });
});
