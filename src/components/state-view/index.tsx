import { Button, Text, View } from '@tarojs/components';
import './index.scss';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: T };

interface StateViewProps {
  loading?: boolean;
  error?: string;
  empty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
}

/** Loading / error / empty placeholder; renders nothing when there is content to show. */
export function StateView({ loading, error, empty, emptyText = '暂无内容', onRetry }: StateViewProps) {
  if (loading) {
    return (
      <View className="state-view state-view--loading">
        <Text className="state-view__text">加载中…</Text>
      </View>
    );
  }
  if (error !== undefined) {
    return (
      <View className="state-view state-view--error">
        <Text className="state-view__text">{error}</Text>
        {onRetry ? (
          <Button className="state-view__retry" onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </View>
    );
  }
  if (empty) {
    return (
      <View className="state-view state-view--empty">
        <Text className="state-view__text">{emptyText}</Text>
      </View>
    );
  }
  return null;
}

/** The placeholder of a page whose main read (`useCloudLoad`) is not ready yet: loading or the error with 重试. */
export function LoadPlaceholder<T>({ state, onRetry }: { state: LoadState<T>; onRetry: () => void }) {
  if (state.status === 'ready') return null;
  return <StateView loading={state.status === 'loading'} error={state.status === 'error' ? state.message : undefined} onRetry={onRetry} />;
}
