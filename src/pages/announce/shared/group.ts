import Taro from '@tarojs/taro';

/** Scenes in which a card was opened inside a group chat (群聊会话中的卡片, 带 shareTicket 的卡片). */
const GROUP_SCENES = [1008, 1044];

/**
 * H5 only: the CloudID the local cloud accepts for "opened inside group `opengid`" — its readable
 * format `local-cloudid:<base64url of JSON>` (local-cloud/openapi/cloud-id.ts, mintGroupEnterCloudId),
 * re-implemented here because src never imports local-cloud code.
 */
function localGroupCloudId(opengid: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify({ v: 1, kind: 'groupEnter', data: { opengid } }));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `local-cloudid:${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** weapp: `wx.getGroupEnterInfo`'s CloudID when the app was entered from a group card. */
async function weappGroupCloudId(): Promise<string | undefined> {
  try {
    const enter = Taro.getEnterOptionsSync();
    if (!GROUP_SCENES.includes(enter.scene) && !enter.shareTicket) return undefined;
    const info = (await Taro.getGroupEnterInfo({})) as Taro.getGroupEnterInfo.SuccessCallbackResult;
    return info.cloudID || undefined;
  } catch {
    // Not from a group, an old client, or the user declined: the read still counts as a plain read.
    return undefined;
  }
}

/**
 * The CloudID of the group this page was opened from, for `announce.detail`'s `groupCloudId`
 * (the server decrypts it to the group's opengid and counts the group open).
 *
 * In the H5 (local) build a query parameter `opengid=…` stands in for the group. Deliberately not
 * an `async` function: the build-time constant branch must stay a plain `if` so the minifier drops
 * the H5 code from the weapp build (a regenerator state machine would keep it).
 */
export function groupCloudIdOf(query: { opengid?: string }): Promise<string | undefined> {
  if (process.env.TARO_ENV === 'h5') return Promise.resolve(query.opengid ? localGroupCloudId(query.opengid) : undefined);
  return weappGroupCloudId();
}
