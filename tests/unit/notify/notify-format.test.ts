import { fitField, fitPhrase, fitThing, fitTime, templateData, truncate } from '../../../src/domain/notify/notify.format';
import { TEMPLATE_KEYS, TEMPLATES } from '../../../src/domain/notify/notify.templates';

const len = (s: string) => Array.from(s).length;

describe('subscribe-message values within WeChat limits', () => {
  it('thing: at most 20 characters, an ellipsis marks the cut, whitespace collapses', () => {
    const long = '和平社区天府花园3栋2单元301室张阿姨家的老人需要助餐送餐服务';
    const fitted = fitThing(long);
    expect(len(fitted)).toBe(20);
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitted.startsWith('和平社区天府花园')).toBe(true);
    expect(fitThing('  助餐\n送餐  ')).toBe('助餐 送餐');
    expect(fitThing('正好二十个字正好二十个字正好二十个字正好')).toBe('正好二十个字正好二十个字正好二十个字正好');
    expect(fitThing('   ')).toBe('无');
  });

  it('counts an emoji as one character and never splits it', () => {
    const fitted = fitThing('👍'.repeat(25));
    expect(len(fitted)).toBe(20);
    expect(fitted).toBe(`${'👍'.repeat(19)}…`);
  });

  it('phrase: at most 5 Chinese characters, no ellipsis', () => {
    expect(fitPhrase('已接单')).toBe('已接单');
    expect(fitPhrase('回头看：问题未解决')).toBe('回头看问题');
    expect(len(fitPhrase('超时退回并上报实践所'))).toBe(5);
    expect(fitPhrase('OK!')).toBe('更新');
  });

  it('time: YYYY-MM-DD HH:mm in China time, whatever the machine zone', () => {
    expect(fitTime(Date.UTC(2025, 0, 31, 16, 5))).toBe('2025-02-01 00:05');
    expect(fitTime(Date.UTC(2025, 5, 1, 1, 30))).toBe('2025-06-01 09:30');
  });

  it('fits by key prefix; templateData wraps values', () => {
    expect(len(fitField('thing7', 'x'.repeat(40)))).toBe(20);
    expect(fitField('phrase2', '服务中')).toBe('服务中');
    expect(fitField('time4', Date.UTC(2025, 5, 1, 1, 30))).toBe('2025-06-01 09:30');
    expect(len(fitField('character_string1', '1'.repeat(40)))).toBe(32);
    expect(fitField('name1', '欧阳娜娜娜娜娜娜娜娜娜')).toHaveLength(10);
    expect(truncate('abc', 5)).toBe('abc');
    expect(templateData({ thing1: '助餐送餐', time2: Date.UTC(2025, 5, 1, 1, 30) })).toEqual({
      thing1: { value: '助餐送餐' },
      time2: { value: '2025-06-01 09:30' },
    });
  });

  it('every template declares only typed field keys', () => {
    for (const key of TEMPLATE_KEYS) {
      for (const field of Object.keys(TEMPLATES[key].fields)) expect(field).toMatch(/^(thing|phrase|time|character_string|name)\d+$/);
    }
  });
});
