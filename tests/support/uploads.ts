import type { TestCloud } from './local-cloud-harness';
import { SAMPLE_PHOTO } from './sample-photo';

let serial = 0;

/**
 * Uploads a real photo as `openid` the way the app does (src/services/photo-upload.ts): under
 * `<folder>/<their upload key>/<name>`, through the gateway's wx.cloud.uploadFile. Answers the fileID.
 */
export async function uploadPhotoAs(cloud: TestCloud, openid: string, folder: string): Promise<string> {
  const key = await cloud.call('identity', { action: 'uploadKey' }, openid);
  if (!key.body.result?.ok) throw new Error(`uploadKey as ${openid}: ${JSON.stringify(key.body)}`);
  const body = new FormData();
  body.set('cloudPath', `${folder}/${key.body.result.data.uploadKey}/${Date.now()}-${serial++}.png`);
  body.set('file', new Blob([SAMPLE_PHOTO.buffer], { type: 'image/png' }), 'photo.png');
  const res = await fetch(`${cloud.url}/gateway/storage/upload`, { method: 'POST', headers: { 'x-wx-openid': openid }, body });
  const answer = (await res.json()) as { fileID?: string };
  if (!answer.fileID) throw new Error(`upload as ${openid}: ${JSON.stringify(answer)}`);
  return answer.fileID;
}
