import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { cloudImageUrls } from '@/services/cloud';

/**
 * Browser side of showing cloud:// photos: fileID → the gateway's temp URL, asked for in one batch
 * per tick (a page of six photos is one request) and kept until shortly before the URL expires.
 * In weapp a fileID is its own URL and none of this runs (`process.env.TARO_ENV` is a build-time
 * constant, so the weapp build drops it).
 */
const IS_H5 = process.env.TARO_ENV === 'h5';
/** The gateway's URLs live two hours; refresh well before. */
const URL_TTL_MS = 90 * 60 * 1000;
/** A missing file may appear (an upload finishing elsewhere): ask again after a while. */
const MISSING_TTL_MS = 30 * 1000;
const BATCH = 50;

type Resolved = string | null;
const cache = new Map<string, { url: Resolved; until: number }>();
let waiting: Map<string, Array<(url: Resolved) => void>> | null = null;

function cached(fileID: string): Resolved | undefined {
  if (!IS_H5) return fileID;
  const hit = cache.get(fileID);
  return hit && hit.until > Date.now() ? hit.url : undefined;
}

async function flush(): Promise<void> {
  const batch = waiting ?? new Map<string, Array<(url: Resolved) => void>>();
  waiting = null;
  const ids = [...batch.keys()];
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    // A failed request answers null without caching it: the next mount asks again.
    const urls = await cloudImageUrls(chunk).catch(() => undefined);
    for (const id of chunk) {
      const url = urls?.get(id) ?? null;
      if (urls) cache.set(id, { url, until: Date.now() + (url ? URL_TTL_MS : MISSING_TTL_MS) });
      for (const done of batch.get(id) ?? []) done(url);
    }
  }
}

/** A URL that shows the cloud file, or null when it cannot be shown (missing, offline). */
export function resolveCloudImage(fileID: string): Promise<Resolved> {
  const hit = cached(fileID);
  if (hit !== undefined) return Promise.resolve(hit);
  return new Promise((resolve) => {
    if (!waiting) {
      waiting = new Map();
      setTimeout(() => void flush(), 0);
    }
    waiting.set(fileID, [...(waiting.get(fileID) ?? []), resolve]);
  });
}

/** Forget a URL the image could not load (expired, or the file went away). */
export function forgetCloudImage(fileID: string): void {
  cache.delete(fileID);
}

/** The URL for `fileID`: undefined while resolving, null when it cannot be shown. */
export function useCloudImageUrl(fileID: string): Resolved | undefined {
  const [url, setUrl] = useState<Resolved | undefined>(() => cached(fileID));
  useEffect(() => {
    let live = true;
    setUrl(cached(fileID));
    void resolveCloudImage(fileID).then((resolved) => {
      if (live) setUrl(resolved);
    });
    return () => {
      live = false;
    };
  }, [fileID]);
  return url;
}

/** Full-screen preview of cloud photos, starting at `current` (weapp takes the fileIDs as they are). */
export async function previewCloudImages(fileIDs: string[], current: string): Promise<void> {
  const urls = await Promise.all(fileIDs.map(resolveCloudImage));
  const shown = urls.filter((u): u is string => typeof u === 'string');
  if (shown.length === 0) return;
  await openPreview({ urls: shown, current: urls[fileIDs.indexOf(current)] ?? shown[0] });
}

/**
 * Browser: Taro's previewImage brings the whole swiper library (about 190 KB), so it is fetched on
 * the first preview, not with every page that shows a photo. A plain function and a conditional
 * expression on purpose: the build drops the other platform's branch (and its import) only there;
 * inside an async function Babel's state machine would hide the condition.
 */
function openPreview(options: Taro.previewImage.Option): Promise<unknown> {
  return process.env.TARO_ENV === 'h5'
    ? import(/* webpackChunkName: "preview-image" */ './preview-image').then((m) => m.previewImage(options))
    : Taro.previewImage(options);
}
