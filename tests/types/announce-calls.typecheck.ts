/**
 * Compiled by `tsc` in `npm test`, never run: each `@ts-expect-error` marks a call the announce
 * and stats contracts must refuse (see contract-calls.typecheck.ts).
 */
import { announceFn, notifyFn, statsFn } from '@/contracts';
import { callCloud } from '@/services/cloud';

export async function announceCallsAreChecked(): Promise<number> {
  const feed = await callCloud(announceFn, 'feed');
  const titles: string[] = feed.items.map((a) => a.title);

  // @ts-expect-error a misspelt action
  await callCloud(announceFn, 'publsh', { id: 'a1' });
  // @ts-expect-error a wrong input field
  await callCloud(announceFn, 'publish', { announcementId: 'a1' });
  // @ts-expect-error a required input left out
  await callCloud(announceFn, 'unread', { id: 'a1' });
  // @ts-expect-error a wrong input type (version is the number the preview answered)
  await callCloud(announceFn, 'discard', { id: 'a1', version: '1' });
  const published = await callCloud(announceFn, 'publish', { id: 'a1', version: 1 });
  // @ts-expect-error a wrong answer field
  published.channels;
  const page = await callCloud(announceFn, 'mine', { cursor: feed.nextCursor ?? undefined });
  return titles.length + page.items.length + published.buildings;
}

export async function statsCallsAreChecked(): Promise<number> {
  // @ts-expect-error a misspelt action
  await callCloud(statsFn, 'overviews');
  // @ts-expect-error a wrong input field
  await callCloud(statsFn, 'overview', { team: 't1' });
  // @ts-expect-error a scope that is neither station nor team
  await callCloud(statsFn, 'overview', { scope: 'community' });
  const overview = await callCloud(statsFn, 'overview', { scope: 'team' });
  // @ts-expect-error a wrong answer field
  overview.totals.median;
  return overview.totals.total;
}

export async function notifyCallsAreChecked(): Promise<boolean> {
  // @ts-expect-error a wrong input type
  await callCloud(notifyFn, 'subscribeAlerts', { on: 'yes' });
  const { on } = await callCloud(notifyFn, 'subscribeAlerts', { on: true });
  const { items } = await callCloud(notifyFn, 'templates');
  // @ts-expect-error a wrong answer field
  items[0]?.id;
  return on;
}
