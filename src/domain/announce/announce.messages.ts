/**
 * What each channel sends: the WeCom robot message and the subscribe-message data.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import { type Block, blocksToRobotMarkdown, trimToBytes, utf8Bytes } from './announce.body';
import { excerpt, ROBOT_TEXT_MAX_BYTES } from './announce.rules';
import type { AnnouncementCategory } from './announce.types';

export interface RobotMarkdownMessage {
  msgtype: 'markdown';
  markdown: { content: string };
}

const ROBOT_FOOTER = '\n\n> 详情请在「文明实践」小程序的公告中查看';

/**
 * A WeCom robot `markdown` message: category and title in bold, the body, a footer pointing to
 * the mini-program; at most ROBOT_TEXT_MAX_BYTES (2048) UTF-8 bytes, the body cut with `…` to fit.
 */
export function robotMessageOf(a: { title: string; category: AnnouncementCategory; blocks: readonly Block[] }): RobotMarkdownMessage {
  const head = `**【${a.category}】${a.title}**\n\n`;
  const budget = ROBOT_TEXT_MAX_BYTES - utf8Bytes(head) - utf8Bytes(ROBOT_FOOTER);
  const body = trimToBytes(blocksToRobotMarkdown(a.blocks), Math.max(0, budget));
  return { msgtype: 'markdown', markdown: { content: `${head}${body}${ROBOT_FOOTER}` } };
}

/** China time (UTC+8, no DST) as `YYYY-MM-DD HH:mm`, the `time` field format of subscribe messages. */
export function chinaTime(at: number): string {
  const d = new Date(at + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** Subscribe-message data of the announcement template: thing1 title, thing2 category, time3 published. */
export function subscribeDataOf(a: { title: string; category: AnnouncementCategory; publishedAt: number | null }, now: number) {
  return {
    thing1: { value: excerpt(a.title, 20) },
    thing2: { value: a.category },
    time3: { value: chinaTime(a.publishedAt ?? now) },
  };
}
