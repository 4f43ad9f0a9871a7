import { buildMenu, responseDeadline, teamCanServe, teamHasSkills, teamServesUnit } from '../../../src/domain/catalog/catalog.rules';
import type { CatalogCategory, CatalogItem } from '../../../src/domain/catalog/catalog.types';
import { isWithin } from '../../../src/domain/org/org.types';

const stamp = { createdAt: 0, updatedAt: 0 };
const cat = (id: string, order: number): CatalogCategory => ({ _id: id, name: id, icon: '•', order, ...stamp });
const item = (id: string, categoryId: string, order: number, extra: Partial<CatalogItem> = {}): CatalogItem => ({
  _id: id,
  categoryId,
  name: id,
  description: '',
  kind: 'service',
  responseHours: 24,
  skills: ['水电维修'],
  poolable: true,
  order,
  instituteId: 'org-subdistrict-01',
  active: true,
  ...stamp,
  ...extra,
});
const building = { _id: 'bld-0001', path: ['org-subdistrict-01', 'org-community-01', 'org-estate-01'] };

describe('catalog rules', () => {
  it('responseDeadline adds the response hours', () => {
    expect(responseDeadline({ responseHours: 24 }, 1_000)).toBe(1_000 + 24 * 3_600_000);
  });

  it('a team needs every skill of the item', () => {
    expect(teamHasSkills({ skills: ['水电维修', '家电维修'] }, { skills: ['水电维修'] })).toBe(true);
    expect(teamHasSkills({ skills: ['水电维修'] }, { skills: ['政策讲解', '文艺演出'] })).toBe(false);
  });

  it('service area covers the subtree', () => {
    expect(isWithin(building, 'bld-0001')).toBe(true);
    expect(teamServesUnit({ serviceArea: ['org-community-01'] }, building)).toBe(true);
    expect(teamServesUnit({ serviceArea: ['org-estate-02'] }, building)).toBe(false);
    expect(teamServesUnit({ serviceArea: ['bld-0001'] }, building)).toBe(true);
  });

  it('teamCanServe combines skills and area', () => {
    const team = { skills: ['水电维修'], serviceArea: ['org-community-01'] };
    expect(teamCanServe(team, { skills: ['水电维修'] }, building)).toBe(true);
    expect(teamCanServe(team, { skills: ['法律咨询'] }, building)).toBe(false);
    expect(teamCanServe({ ...team, serviceArea: ['org-community-02'] }, { skills: ['水电维修'] }, building)).toBe(false);
  });

  it('buildMenu orders categories and items, hides inactive items and empty categories', () => {
    const menu = buildMenu(
      [cat('cat-02', 2), cat('cat-01', 1), cat('cat-03', 3)],
      [item('b', 'cat-01', 2), item('a', 'cat-01', 1), item('x', 'cat-02', 1, { active: false }), item('c', 'cat-03', 1)],
    );
    expect(menu.map((s) => [s.category._id, s.items.map((i) => i._id)])).toEqual([
      ['cat-01', ['a', 'b']],
      ['cat-03', ['c']],
    ]);
  });
});
