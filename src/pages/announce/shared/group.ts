import Taro from '@tarojs/taro';

/** Scenes in which a card was opened inside a group chat (群聊会话中的卡片, 带 shareTicket 的卡片). */
const GROUP_SCENES = [1008, 1044];

/**
 * The CloudID of the group this page was opened from, for `announce.detail`'s `groupCloudId`
 * (the server decrypts it to the group's opengid and counts the group open).
 *
 * - weapp: `wx.getGroupEnterInfo` when the app was entered from a group card.
 * - h5 (local build only): a query parameter `opengid=…` stands in for the group; the CloudID is
 *   minted in the local cloud's readable format (see local-cloud/openapi/cloud-id.ts,
 *   `mintGroupEnterCloudId`). The branch is a build-time constant, so it never ships in weapp.
 */
export async function groupCloudIdOf(query: Record<string, string | undefined>): Promise<string | undefined> {
  if (process.env.TARO_ENV === 'h5') {
    const opengid = query.opengid;
    if (!opengid) return undefined;
    const json = JSON.stringify({ v: 1, kind: 'groupEnter', data: { opengid } });
    const bytes = new TextEncoder().encode(json);
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return `local-cloudid:${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
  }
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
