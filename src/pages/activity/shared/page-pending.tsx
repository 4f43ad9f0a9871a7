import { AppPage } from '@/components/app-page';
import { LoadPlaceholder, type LoadState, StateView } from '@/components/state-view';

/**
 * An activity page before its data is there: `missing` (the page was opened without what it
 * shows) as an error, else loading / load failed with 重试.
 */
export function ActivityPagePending<T>({
  missing,
  state,
  reload,
}: {
  missing?: string | null;
  state: LoadState<T>;
  reload: () => unknown;
}) {
  return (
    <AppPage className="activity">
      {missing ? <StateView error={missing} /> : <LoadPlaceholder state={state} onRetry={() => void reload()} />}
    </AppPage>
  );
}
