import { volunteerCallName } from '../../../src/domain/identity/pii-masking';
import { CONTACT_REVEAL_STATES, revealRefusal } from '../../../src/domain/order/contact.rules';
import { ORDER_STATES } from '../../../src/domain/order/order.states';

describe('who may call the resident, and when', () => {
  it('only from 已接单 until 已完成 (taken, in service, waiting for the rating)', () => {
    expect(CONTACT_REVEAL_STATES).toEqual(['taken', 'in_service', 'completed']);
    for (const state of ORDER_STATES) {
      const refusal = revealRefusal({ state, assigneeOpenids: ['o-a'] }, 'o-a', false);
      expect(refusal).toBe(CONTACT_REVEAL_STATES.includes(state) ? null : 'not_now');
    }
  });

  it('the serving leader always; a member only once assigned; before anyone is assigned, the leader only', () => {
    expect(revealRefusal({ state: 'taken' }, 'o-leader', true)).toBeNull();
    expect(revealRefusal({ state: 'taken' }, 'o-a', false)).toBe('not_assigned');
    expect(revealRefusal({ state: 'taken', assigneeOpenids: ['o-a'] }, 'o-a', false)).toBeNull();
    expect(revealRefusal({ state: 'taken', assigneeOpenids: ['o-a'] }, 'o-b', false)).toBe('not_assigned');
  });
});

describe('the resident knows who is coming by surname only', () => {
  it.each([
    ['冯*', '冯志愿者'],
    ['冯秀英', '冯志愿者'],
    ['', '志愿者'],
    ['志愿者', '志愿者'],
  ])('%s → %s', (name, expected) => {
    expect(volunteerCallName(name)).toBe(expected);
  });
});
