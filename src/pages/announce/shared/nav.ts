import Taro from '@tarojs/taro';
import { announcePath } from './format';

/** Back to 发布公告 (the page below when there is one, else opened in its place). */
export function backToManage() {
  if (process.env.TARO_ENV === 'weapp') Taro.disableAlertBeforeUnload();
  if (Taro.getCurrentPages().length > 1) return Taro.navigateBack();
  return Taro.redirectTo({ url: announcePath('manage') });
}
