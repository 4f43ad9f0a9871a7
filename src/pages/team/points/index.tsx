import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { PagedList } from '@/components/paged-list';
import { formatDateTime } from '@/components/timeline';
import { orderFn } from '@/contracts';
import type { MyPoints, PointsEntry } from '@/domain/points/points.views';
import { callCloud } from '@/services/cloud';
import './index.scss';

/** 我的时长与积分: balance and confirmed hours, the published rule, and the history (newest first). */
export default function MyPointsPage() {
  const [summary, setSummary] = useState<Pick<MyPoints, 'balance' | 'totalHours' | 'rule'> | null>(null);

  const load = useCallback(async (cursor: string | undefined) => {
    const page = await callCloud(orderFn, 'pointsMine', cursor ? { cursor } : {});
    if (!cursor) setSummary({ balance: page.balance, totalHours: page.totalHours, rule: page.rule });
    return page;
  }, []);

  return (
    <AppPage className="points">
      <View className="card points__summary">
        <View className="points__figure">
          <Text className="points__number">{summary ? summary.totalHours : '—'}</Text>
          <Text className="points__unit">服务时长（小时）</Text>
        </View>
        <View className="points__divider" />
        <View className="points__figure">
          <Text className="points__number">{summary ? summary.balance : '—'}</Text>
          <Text className="points__unit">积分</Text>
        </View>
      </View>
      {summary ? <Text className="muted points__rule">积分规则：{summary.rule}</Text> : null}
      <Text className="section-title points__title">记录</Text>
      <PagedList<PointsEntry>
        load={load}
        refreshOnShow
        keyOf={(e) => e.key}
        emptyText="还没有服务记录，完成点单服务或参加志愿活动后这里会显示时长和积分"
        renderItem={(e) => (
          <View className="points__row">
            <View className="points__row-main">
              <Text className="points__row-title">{e.itemName}</Text>
              <Text className="points__row-meta">
                {e.reasonLabel} · {e.hours} 小时 · {formatDateTime(e.at)}
                {e.statusLabel ? ` · ${e.statusLabel}` : ''}
              </Text>
            </View>
            <Text className="points__row-points">+{e.points}</Text>
          </View>
        )}
      />
    </AppPage>
  );
}
