import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LoadState } from '@/components/state-view';
import { errorMessage } from '@/services/cloud';

/**
 * A page's main read: loads on mount and whenever `key` changes (the ids `fetch` reads), reloads
 * on pull-down (the page config needs `enablePullDownRefresh: true`). `reload(true)` refreshes
 * without the loading placeholder (after an action), keeping the current data on screen.
 */
export function useCloudLoad<T>(fetch: () => Promise<T>, key: readonly (string | number | boolean | undefined)[]) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const latestFetch = useRef(fetch);
  latestFetch.current = fetch;
  const keyText = key.join('\u0000');
  // Reload when the ids change; the latest `fetch` is read through the ref.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyText stands for the caller's ids
  const reload = useCallback(
    async (quiet = false) => {
      if (!quiet) setState({ status: 'loading' });
      try {
        setState({ status: 'ready', data: await latestFetch.current() });
      } catch (err) {
        setState({ status: 'error', message: errorMessage(err) });
      }
    },
    [keyText],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  return { state, setState, reload };
}
