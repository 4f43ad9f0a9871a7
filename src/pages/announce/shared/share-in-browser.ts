import Taro from '@tarojs/taro';
import { detailPathOf } from '@/domain/announce/announce.rules';
import type { ShareTask } from '@/domain/announce/announce.views';

/** What 转发到楼栋群 does in WeChat, said where it cannot happen (the browser build). */
export const SHARE_IN_BROWSER_TEXT =
  '在微信里，这里会打开转发面板，选择本楼栋的微信群发送；浏览器里无法转发。可以复制这条公告的链接，发到楼栋群里，或在微信小程序里转发。';

/** The announcement's page for this building, as a link that opens it in a browser (hash router). */
export function shareLinkOf(task: Pick<ShareTask, 'announcementId' | 'buildingId' | 'shareToken'>): string {
  const path = detailPathOf(task.announcementId, task.buildingId, task.shareToken);
  if (typeof window === 'undefined') return path;
  const { origin, pathname } = window.location;
  return `${origin}${pathname}#${path}`;
}

/**
 * H5 only: 转发到楼栋群 cannot open WeChat's forward panel in a browser, so it says what would
 * happen in WeChat and offers the link to paste into the group instead.
 */
export async function explainShareInBrowser(task: Pick<ShareTask, 'announcementId' | 'buildingId' | 'shareToken'>): Promise<void> {
  const answer = await Taro.showModal({
    title: '转发到楼栋群',
    content: SHARE_IN_BROWSER_TEXT,
    confirmText: '复制链接',
    cancelText: '知道了',
    confirmColor: '#c8161d',
  });
  if (!answer.confirm) return;
  await Taro.setClipboardData({ data: shareLinkOf(task) });
  void Taro.showToast({ title: '链接已复制，可粘贴到楼栋群', icon: 'none', duration: 3000 });
}
