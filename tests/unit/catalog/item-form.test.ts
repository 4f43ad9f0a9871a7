import { answersPayload, checkFormAnswers, type ItemFormField } from '../../../src/domain/catalog/item-form';

const MEAL_FORM: ItemFormField[] = [
  { key: 'portions', label: '份数', type: 'number', required: true, min: 1, max: 5, unit: '份' },
  { key: 'diet', label: '饮食禁忌', type: 'text', required: false, maxLength: 20 },
  { key: 'meal', label: '餐次', type: 'choice', required: true, options: ['午餐', '晚餐'] },
];

describe('点单附加项 (per-item form fields)', () => {
  it('accepts good answers and keeps them with their labels, in form order, numbers with the unit', () => {
    expect(checkFormAnswers(MEAL_FORM, { meal: '午餐', portions: 2, diet: ' 少盐 ' })).toEqual({
      ok: true,
      answers: [
        { key: 'portions', label: '份数', text: '2 份' },
        { key: 'diet', label: '饮食禁忌', text: '少盐' },
        { key: 'meal', label: '餐次', text: '午餐' },
      ],
    });
    // Optional fields may be left out or blank; a number may arrive as text from a form input.
    expect(checkFormAnswers(MEAL_FORM, { portions: '1', meal: '晚餐', diet: '' })).toMatchObject({
      ok: true,
      answers: [{ text: '1 份' }, { text: '晚餐' }],
    });
  });

  it('refuses missing, out-of-range, wrong-type, unlisted, overlong and unknown answers', () => {
    expect(checkFormAnswers(MEAL_FORM, { meal: '午餐' })).toEqual({ ok: false, message: '请填写「份数」', key: 'portions' });
    expect(checkFormAnswers(MEAL_FORM, { portions: 9, meal: '午餐' })).toMatchObject({ ok: false, message: '「份数」须在 1–5份 之间' });
    expect(checkFormAnswers(MEAL_FORM, { portions: 1.5, meal: '午餐' })).toMatchObject({ ok: false, message: '「份数」须为整数' });
    expect(checkFormAnswers(MEAL_FORM, { portions: 'two', meal: '午餐' })).toMatchObject({ ok: false, message: '「份数」须为整数' });
    expect(checkFormAnswers(MEAL_FORM, { portions: 1, meal: '早餐' })).toMatchObject({
      ok: false,
      message: '「餐次」请从选项中选择',
      key: 'meal',
    });
    expect(checkFormAnswers(MEAL_FORM, { portions: 1, meal: '午餐', diet: '很'.repeat(21) })).toMatchObject({
      ok: false,
      message: '「饮食禁忌」最多 20 个字',
    });
    expect(checkFormAnswers(MEAL_FORM, { portions: 1, meal: '午餐', hack: 'x' })).toMatchObject({
      ok: false,
      message: '这项服务没有「hack」这一项',
    });
  });

  it('an item without a form takes no answers', () => {
    expect(checkFormAnswers(undefined, undefined)).toEqual({ ok: true, answers: [] });
    expect(checkFormAnswers([], { a: 'x' })).toMatchObject({ ok: false });
  });

  it('a form sends numbers as numbers and leaves blanks out', () => {
    expect(answersPayload(MEAL_FORM, { portions: ' 2 ', diet: '  ', meal: '午餐' })).toEqual({ portions: 2, meal: '午餐' });
    expect(answersPayload(MEAL_FORM, { portions: '2.5' })).toEqual({ portions: '2.5' });
  });
});
