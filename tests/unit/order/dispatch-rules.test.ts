import { areaCloseness, rankTeams } from '../../../src/domain/order/dispatch.rules';

const building = { _id: 'B1', path: ['S1', 'C1', 'E1'] };
const team = (id: string, over: Partial<{ skills: string[]; serviceArea: string[]; rating: number; name: string }> = {}) => ({
  _id: id,
  name: over.name ?? id,
  skills: over.skills ?? ['助餐送餐'],
  serviceArea: over.serviceArea ?? ['S1'],
  rating: over.rating ?? 4.5,
});
const meal = { skills: ['助餐送餐'] };

describe('areaCloseness', () => {
  it('scores the nearest covering unit: building 3, estate 2, community 1, subdistrict 0, elsewhere -1', () => {
    expect(areaCloseness({ serviceArea: ['B1'] }, building)).toBe(3);
    expect(areaCloseness({ serviceArea: ['E1'] }, building)).toBe(2);
    expect(areaCloseness({ serviceArea: ['C2', 'C1'] }, building)).toBe(1);
    expect(areaCloseness({ serviceArea: ['S1'] }, building)).toBe(0);
    expect(areaCloseness({ serviceArea: ['C2', 'S2'] }, building)).toBe(-1);
  });
});

describe('rankTeams', () => {
  it('puts eligible teams first and says why the others cannot serve', () => {
    const ranked = rankTeams(
      [team('noskill', { skills: ['水电维修'] }), team('far', { serviceArea: ['C2'] }), team('ok')],
      meal,
      building,
      new Map(),
    );
    expect(ranked.map((r) => [r.teamId, r.eligible])).toEqual([
      ['ok', true],
      ['far', false],
      ['noskill', false],
    ]);
    expect(ranked[0]?.reason).toBe('技能匹配（助餐送餐） · 服务范围覆盖全街道 · 当前没有在办订单 · 评分 4.5');
    expect(ranked[1]?.reason).toContain('不在服务范围内');
    expect(ranked[2]?.reason).toContain('缺少技能：助餐送餐');
  });

  it('prefers a closer service area, then a better rating, and sinks busy teams', () => {
    const close = team('close', { serviceArea: ['E1'], rating: 4.0 });
    const wide = team('wide', { serviceArea: ['S1'], rating: 4.0 });
    expect(rankTeams([wide, close], meal, building, new Map()).map((r) => r.teamId)).toEqual(['close', 'wide']);

    const good = team('good', { rating: 4.9 });
    const fair = team('fair', { rating: 4.2 });
    expect(rankTeams([fair, good], meal, building, new Map()).map((r) => r.teamId)).toEqual(['good', 'fair']);
    // Three open orders outweigh 0.7 stars.
    const busy = rankTeams([fair, good], meal, building, new Map([['good', 3]]));
    expect(busy.map((r) => r.teamId)).toEqual(['fair', 'good']);
    expect(busy[1]?.reason).toContain('当前在办 3 单');
    expect(busy[1]?.openLoad).toBe(3);
  });

  it('needs every skill of the item and is stable on ties', () => {
    const both = { skills: ['政策讲解', '文艺演出'] };
    const ranked = rankTeams(
      [team('b', { skills: ['政策讲解'] }), team('a', { skills: ['文艺演出', '政策讲解'] })],
      both,
      building,
      new Map(),
    );
    expect(ranked.map((r) => [r.teamId, r.eligible])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    const tie = rankTeams([team('y'), team('x')], meal, building, new Map());
    expect(tie.map((r) => r.teamId)).toEqual(['x', 'y']);
    expect(rankTeams([], meal, building, new Map())).toEqual([]);
  });
});
