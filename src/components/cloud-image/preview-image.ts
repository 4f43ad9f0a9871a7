import Taro from '@tarojs/taro';

/** Taro's image preview, in a module of its own so the browser build loads it (and swiper) on demand. */
export function previewImage(options: Taro.previewImage.Option): Promise<TaroGeneral.CallbackResult> {
  return Taro.previewImage(options);
}
