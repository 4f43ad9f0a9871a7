import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { AppPage } from '@/components/app-page';
import { CloudImage } from '@/components/cloud-image';
import { PagedList } from '@/components/paged-list';
import { activityFn } from '@/contracts';
import type { ActivityCard } from '@/domain/activity/activity.views';
import { callCloud } from '@/services/cloud';
import { momentText, spanText } from '../shared/format';
import '../shared/activity.scss';

const go = (url: string) => () => void Taro.navigateTo({ url });

/** 活动广场: published activities not over yet, soonest ending first; links to 我的报名, 签到 and 我的服务记录. */
export default function ActivitySquarePage() {
  const load = useCallback((cursor: string | undefined) => callCloud(activityFn, 'square', cursor ? { cursor } : {}), []);
  return (
    <AppPage className="activity">
      <View className="activity__links">
        <Text className="activity__link" onClick={go('/pages/activity/mine/index')}>
          我的报名
        </Text>
        <Text className="activity__link" onClick={go('/pages/activity/checkin/index')}>
          签到 / 签退
        </Text>
        <Text className="activity__link" onClick={go('/pages/activity/record/index')}>
          我的服务记录
        </Text>
      </View>
      <PagedList<ActivityCard>
        load={load}
        refreshOnShow
        keyOf={(a) => a.activityId}
        emptyText="近期没有志愿活动，过几天再来看看"
        renderItem={(a) => (
          <View className="card activity__card" onClick={go(`/pages/activity/detail/index?id=${a.activityId}`)}>
            {a.coverFileId ? <CloudImage className="activity__cover" fileID={a.coverFileId} /> : null}
            <Text className="activity__tag">{a.category}</Text>
            <Text className="activity__title">{a.title}</Text>
            <Text className="activity__meta">
              {a.sessionCount === 1 ? spanText(a.firstStartAt, a.lastEndAt) : `${momentText(a.firstStartAt)} 起，共 ${a.sessionCount} 场`}
            </Text>
            <Text className="activity__meta">{a.address}</Text>
            <Text className="activity__meta">
              {a.organiserName} · {a.placesLeft > 0 ? `还剩 ${a.placesLeft} 个名额` : '名额已满，可报候补'}
            </Text>
            {a.requirementsText.length > 0 ? <Text className="activity__meta activity__warn">{a.requirementsText.join(' · ')}</Text> : null}
          </View>
        )}
      />
    </AppPage>
  );
}
