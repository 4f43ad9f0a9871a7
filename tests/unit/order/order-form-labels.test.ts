import { dateLabel, descriptionExample } from '../../../src/pages/order/create/form';

describe('the order form says dates and examples as people do', () => {
  const now = new Date(2026, 11, 1, 23, 30); // Tuesday 1 December 2026, late evening

  it('shows the picked day as month, day and weekday, with 今天 / 明天 / 后天 when near', () => {
    expect(dateLabel('2026-12-01', now)).toBe('12月1日 周二（今天）');
    expect(dateLabel('2026-12-02', now)).toBe('12月2日 周三（明天）');
    expect(dateLabel('2026-12-03', now)).toBe('12月3日 周四（后天）');
    expect(dateLabel('2026-12-10', now)).toBe('12月10日 周四');
    expect(dateLabel('2027-01-04', now)).toBe('2027年1月4日 周一');
    expect(dateLabel('not a date', now)).toBe('not a date');
  });

  it('gives an example of the service being ordered, not a leaking tap for a meal', () => {
    expect(descriptionExample({ name: '助餐送餐', kind: 'service' })).toContain('午餐');
    expect(descriptionExample({ name: '水电维修', kind: 'service' })).toBe('厨房水龙头漏水');
    expect(descriptionExample({ name: '上门测血压血糖', kind: 'service' })).toContain('血压');
    expect(descriptionExample({ name: '微心愿：困难儿童学习用品', kind: 'wish' })).not.toContain('水龙头');
    expect(descriptionExample({ name: '某项新服务', kind: 'service' })).not.toContain('水龙头');
  });
});
