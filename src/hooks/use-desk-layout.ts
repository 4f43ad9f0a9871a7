import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

/**
 * Window width (CSS px) from which a page may lay out as on a desk: list and detail side by side.
 * Matches the `desk` breakpoint of src/styles/_desk.scss. A phone, even in landscape, stays below it;
 * PC WeChat (`resizable`), an iPad and a browser window at a desk reach it.
 */
export const DESK_MIN_WIDTH = 1024;

function windowWidth(): number {
  try {
    return Taro.getWindowInfo().windowWidth;
  } catch {
    return 0;
  }
}

/** True while the window is desk-wide; follows resizing (PC WeChat windows, browser windows). */
export function useDeskLayout(): boolean {
  const [desk, setDesk] = useState(() => windowWidth() >= DESK_MIN_WIDTH);
  useEffect(() => {
    const onResize: Taro.onWindowResize.Callback = (res) => setDesk(res.size.windowWidth >= DESK_MIN_WIDTH);
    Taro.onWindowResize(onResize);
    setDesk(windowWidth() >= DESK_MIN_WIDTH);
    // Taro types the listener of offWindowResize differently; it is the same function that was added.
    return () => Taro.offWindowResize(onResize as unknown as Taro.offWindowResize.Callback);
  }, []);
  return desk;
}
