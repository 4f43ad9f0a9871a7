import { useEffect, useState } from 'react';
import { announceFn } from '@/contracts';
import { ANNOUNCEMENT_CATEGORIES, type AnnouncementCategory } from '@/domain/announce/announce.types';
import type { DraftView } from '@/domain/announce/announce.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';

/** What the author edits on 写公告 / 修改公告. */
export interface DraftFields {
  title: string;
  body: string;
  category: AnnouncementCategory;
  /** Org nodes ticked in the target tree. */
  picked: ReadonlySet<string>;
  /** null = 立即发布. */
  publishAt: number | null;
  coverFileId: string | null;
}

const BLANK: DraftFields = {
  title: '',
  body: '',
  category: ANNOUNCEMENT_CATEGORIES[0],
  picked: new Set(),
  publishAt: null,
  coverFileId: null,
};

const fieldsOf = (d: DraftView): DraftFields => ({
  title: d.title,
  body: d.body,
  category: d.category,
  picked: new Set(d.targets),
  publishAt: d.publishAt,
  coverFileId: d.coverFileId,
});

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));
const same = (a: DraftFields, b: DraftFields) =>
  a.title === b.title &&
  a.body === b.body &&
  a.category === b.category &&
  a.publishAt === b.publishAt &&
  a.coverFileId === b.coverFileId &&
  sameSet(a.picked, b.picked);

/**
 * The compose form: blank for 写公告, or the saved draft (`id`) for 修改公告, loaded with its
 * version. `dirty` says whether anything differs from what was loaded (放弃修改 asks first).
 */
export function useDraftForm(id: string) {
  const { state, reload } = useCloudLoad<DraftView | null>(
    () => (id ? callCloud(announceFn, 'draft', { id }) : Promise.resolve(null)),
    [id],
  );
  const [loaded, setLoaded] = useState<DraftFields>(BLANK);
  const [fields, setFields] = useState<DraftFields>(BLANK);
  const draft = state.status === 'ready' ? state.data : null;
  useEffect(() => {
    if (!draft) return;
    const f = fieldsOf(draft);
    setLoaded(f);
    setFields(f);
  }, [draft]);
  return {
    state,
    reload,
    draft,
    fields,
    change: (patch: Partial<DraftFields>) => setFields((f) => ({ ...f, ...patch })),
    dirty: !same(fields, loaded),
  };
}
