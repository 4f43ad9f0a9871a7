import { DEFAULT_PROBLEM_CATEGORIES, deadlineLabelOf, sameCategoryName } from '../../../src/domain/problem/problem.categories';

describe('问题类别 rules', () => {
  it('names are the same when they differ only in spaces or case', () => {
    expect(sameCategoryName('高空 抛物', '高空抛物')).toBe(true);
    expect(sameCategoryName(' LED 屏损坏 ', 'led屏损坏')).toBe(true);
    expect(sameCategoryName('小广告', '小广告（张贴）')).toBe(false);
  });

  it('deadline labels: 0 is 当天, otherwise working days', () => {
    expect(deadlineLabelOf(0)).toBe('当天处置');
    expect(deadlineLabelOf(7)).toBe('7 个工作日内处置');
  });

  it('the starting set has unique names', () => {
    const names = DEFAULT_PROBLEM_CATEGORIES.map((c) => c.name);
    expect(names.filter((n, i) => names.findIndex((m) => sameCategoryName(m, n)) !== i)).toEqual([]);
  });
});
