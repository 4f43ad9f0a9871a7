import { validateOrderForm } from '../../../src/pages/order/create/form';

/** The 点单 form checks the order function's rules first, so residents read the message at the field. */
describe('order form', () => {
  const now = new Date(2026, 2, 5, 8, 0).getTime();
  const valid = { description: '厨房水龙头漏水', date: '2026-03-06', start: '09:00', end: '11:00', contactPhone: '13800001234' };

  it('accepts a sensible order', () => {
    expect(validateOrderForm(valid, now)).toEqual({});
  });

  it('applies every rule of the time window the function applies (windowProblem)', () => {
    expect(validateOrderForm({ ...valid, start: '11:00', end: '09:00' }, now).window).toBe('结束时间要晚于开始时间');
    expect(validateOrderForm({ ...valid, date: '2026-03-04' }, now).window).toBe('期望服务时间已经过去，请重新选择');
    expect(validateOrderForm({ ...valid, date: '2026-03-05', start: '07:00', end: '09:00' }, now).window).toBe('开始时间不能早于现在');
    expect(validateOrderForm({ ...valid, date: '2026-04-20' }, now).window).toBe('期望服务时间须在 30 天以内');
  });

  it('checks the description and the phone', () => {
    const errors = validateOrderForm({ ...valid, description: '漏水', contactPhone: '1380000' }, now);
    expect(errors.description).toBe('需求描述至少 5 个字');
    expect(errors.contactPhone).toBe('请填写 11 位手机号');
  });
});
