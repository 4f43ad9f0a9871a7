import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { gridFn } from '@/contracts';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { gridPath, percent } from '../shared/format';
import '../shared/grid.scss';

/** 敲门行动: the buildings the caller knocks in (楼栋长: theirs; staff: their area; volunteers: their team's), each with its 入户率. */
export default function KnockHomePage() {
  const { state, reload } = useCloudLoad(() => callCloud(gridFn, 'knockHome', {}), []);
  if (state.status !== 'ready') {
    return (
      <AppPage className="knock grid">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const { buildings, total, truncated } = state.data;
  return (
    <AppPage className="knock grid">
      <View className="card grid__head">
        <Text className="grid__title">入户宣传</Text>
        <Text className="muted">入户率 = 最近一次走访「在家已宣传」的户数 ÷ 总户数</Text>
        <View className="grid__numbers">
          <View className="grid__number">
            <Text className="grid__number-value grid__number-value--red">{percent(total.rate)}</Text>
            <Text className="grid__number-label">入户率</Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value">{total.reached}</Text>
            <Text className="grid__number-label">已宣传户</Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value">{total.visited}</Text>
            <Text className="grid__number-label">已走访户</Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value">{total.households}</Text>
            <Text className="grid__number-label">总户数</Text>
          </View>
        </View>
      </View>
      <Text className="section-title">选一个楼栋去敲门</Text>
      {buildings.length === 0 ? (
        <StateView empty emptyText="您负责的范围里还没有楼栋" />
      ) : (
        <View className="card">
          {buildings.map((b) => (
            <View key={b.id} className="grid__row" onClick={() => Taro.navigateTo({ url: gridPath('doors', { buildingId: b.id }) })}>
              <View className="grid__row-main">
                <Text className="grid__row-title">
                  {b.estateName} {b.name}
                </Text>
                <Text className="grid__row-sub">
                  已宣传 {b.reached} / {b.households} 户 · 已走访 {b.visited} 户
                </Text>
                <View className="grid__track">
                  <View className="grid__bar" style={{ width: `${Math.round(b.rate * 100)}%` }} />
                </View>
              </View>
              <Text className="grid__tag grid__tag--reached">{percent(b.rate)}</Text>
            </View>
          ))}
        </View>
      )}
      {truncated ? <Text className="grid__hint">楼栋较多，只列出前一部分；可从公告的未读住户进入其他楼栋</Text> : null}
    </AppPage>
  );
}
