import { parseBody } from '../../../src/domain/announce/announce.body';
import { BOLD_PLACEHOLDER, toggleBold, toggleList } from '../../../src/domain/announce/announce.editing';

const sel = (text: string, part: string) => [text.indexOf(part), text.indexOf(part) + part.length] as const;

describe('加粗: wraps the selection in ** so the body parses it bold', () => {
  it('wraps the selected words, keeps the selection on them, and the parse shows them bold inline', () => {
    const body = '本周六开展楼道清理活动';
    const edit = toggleBold(body, ...sel(body, '楼道清理'));
    expect(edit.text).toBe('本周六开展**楼道清理**活动');
    expect(edit.text.slice(edit.start, edit.end)).toBe('**楼道清理**');
    expect(parseBody(edit.text)).toEqual([
      { type: 'paragraph', spans: [{ text: '本周六开展' }, { text: '楼道清理', bold: true }, { text: '活动' }] },
    ]);
  });

  it('pressed again on the same selection, or with the markers just outside it, makes it plain', () => {
    const body = '本周六开展楼道清理活动';
    const once = toggleBold(body, ...sel(body, '楼道清理'));
    expect(toggleBold(once.text, once.start, once.end).text).toBe(body);
    const inner = sel(once.text, '楼道清理');
    const back = toggleBold(once.text, ...inner);
    expect(back).toEqual({ text: body, start: 5, end: 9 });
  });

  it('with nothing selected inserts a selected placeholder between markers', () => {
    const edit = toggleBold('请注意：', 4, 4);
    expect(edit.text).toBe(`请注意：**${BOLD_PLACEHOLDER}**`);
    expect(edit.text.slice(edit.start, edit.end)).toBe(BOLD_PLACEHOLDER);
  });

  it('over several lines bolds each line’s words, leaving list markers and blank lines alone', () => {
    const body = '- 清理杂物\n\n- 不停电瓶车';
    const edit = toggleBold(body, 0, body.length);
    expect(edit.text).toBe('- **清理杂物**\n\n- **不停电瓶车**');
    expect(parseBody(edit.text)).toEqual([
      { type: 'list', ordered: false, items: [[{ text: '清理杂物', bold: true }]] },
      { type: 'list', ordered: false, items: [[{ text: '不停电瓶车', bold: true }]] },
    ]);
  });
});

describe('列表: the lines the selection touches become list items, or plain again', () => {
  it('bullets every non-blank selected line, partly selected lines included', () => {
    const body = '请配合：\n清理杂物\n不停电瓶车\n谢谢';
    const edit = toggleList(body, body.indexOf('理杂'), body.indexOf('电瓶'));
    expect(edit.text).toBe('请配合：\n- 清理杂物\n- 不停电瓶车\n谢谢');
    expect(edit.text.slice(edit.start, edit.end)).toBe('- 清理杂物\n- 不停电瓶车');
    expect(parseBody(edit.text)[1]).toEqual({ type: 'list', ordered: false, items: [[{ text: '清理杂物' }], [{ text: '不停电瓶车' }]] });
  });

  it('pressed on items already listed, makes them plain lines', () => {
    const body = '- 清理杂物\n- 不停电瓶车';
    expect(toggleList(body, 0, body.length).text).toBe('清理杂物\n不停电瓶车');
  });

  it('a cursor on an empty line starts an item there with the cursor after the marker', () => {
    const body = '请配合：\n\n';
    const edit = toggleList(body, body.length, body.length);
    expect(edit).toEqual({ text: '请配合：\n\n- ', start: 8, end: 8 });
  });

  it('a selection ending at the start of the next line leaves that line alone', () => {
    const body = '第一行\n第二行';
    expect(toggleList(body, 0, 4).text).toBe('- 第一行\n第二行');
  });
});
