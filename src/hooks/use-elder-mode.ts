import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';

/** Storage key of the remembered 适老化 (elder mode) switch. */
export const ELDER_MODE_KEY = 'ui.elder';
const ELDER_MODE_EVENT = 'ui.elder.changed';

/** The remembered elder-mode setting (false when never set or storage is unavailable). */
export function readElderMode(): boolean {
  try {
    return Taro.getStorageSync(ELDER_MODE_KEY) === true;
  } catch {
    return false;
  }
}

/** Remembers the setting and tells every mounted page at once. */
export function writeElderMode(on: boolean): void {
  try {
    Taro.setStorageSync(ELDER_MODE_KEY, on);
  } catch {
    // Storage full or unavailable: the switch still applies to this session.
  }
  Taro.eventCenter.trigger(ELDER_MODE_EVENT, on);
}

/**
 * 适老化: `[elder, setElder]`. Every page shell (AppPage) reads it; the switch lives in 我的.
 * Pages kept in the stack follow a change immediately (event) and re-read storage when shown again.
 */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [elder, setElderState] = useState<boolean>(readElderMode);

  // Browser build: the root font carries every size (Taro's rem), so the whole document follows,
  // the tab bar included (src/styles/elder.scss). A build-time branch: weapp has no document.
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('elder-mode', elder);
  }, [elder]);

  useEffect(() => {
    const onChange = (on: boolean) => setElderState(on);
    Taro.eventCenter.on(ELDER_MODE_EVENT, onChange);
    return () => {
      Taro.eventCenter.off(ELDER_MODE_EVENT, onChange);
    };
  }, []);

  useDidShow(() => {
    setElderState(readElderMode());
  });

  const setElder = useCallback((on: boolean) => {
    setElderState(on);
    writeElderMode(on);
  }, []);

  return [elder, setElder];
}
