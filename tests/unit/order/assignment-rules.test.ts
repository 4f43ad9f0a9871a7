import { ASSIGNEES_MAX, assignmentProblem, mayServe } from '../../../src/domain/order/assignment.rules';

const team = { leaderOpenid: 'o-leader', memberOpenids: ['o-leader', 'o-a', 'o-b'] };

describe('指派队员 rules', () => {
  it('accepts members and the leader', () => {
    expect(assignmentProblem(team, ['o-a'])).toBeNull();
    expect(assignmentProblem(team, ['o-leader', 'o-b'])).toBeNull();
  });

  it('refuses nobody, outsiders, repeats and too many', () => {
    expect(assignmentProblem(team, [])).toBe('请至少指派一名队员');
    expect(assignmentProblem(team, ['o-a', 'o-stranger'])).toBe('只能指派本队的队员');
    expect(assignmentProblem(team, ['o-a', 'o-a'])).toBe('同一名队员只能指派一次');
    const many = Array.from({ length: ASSIGNEES_MAX + 1 }, (_, i) => `o-${i}`);
    expect(assignmentProblem({ leaderOpenid: 'x', memberOpenids: many }, many)).toBe(`一次最多指派 ${ASSIGNEES_MAX} 名队员`);
  });

  it('once members are assigned only they check themselves in; the leader may stand anyone in', () => {
    expect(mayServe({}, 'o-a', false)).toBe(true);
    expect(mayServe({ assigneeOpenids: [] }, 'o-a', false)).toBe(true);
    expect(mayServe({ assigneeOpenids: ['o-b'] }, 'o-a', false)).toBe(false);
    expect(mayServe({ assigneeOpenids: ['o-b'] }, 'o-b', false)).toBe(true);
    expect(mayServe({ assigneeOpenids: ['o-b'] }, 'o-a', true)).toBe(true);
  });
});
