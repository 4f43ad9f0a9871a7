import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { activityFn } from '@/contracts';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { momentText, spanText } from '../shared/format';
import '../shared/activity.scss';

/** 组织活动: the activities the caller runs (their station / institute, the teams they lead) and 发布活动. */
export default function OrganisePage() {
  const { state, reload } = useCloudLoad(() => callCloud(activityFn, 'organised'), []);
  if (state.status !== 'ready') {
    return (
      <AppPage className="activity">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const { items, publishAs } = state.data;
  return (
    <AppPage className="activity">
      <View className="card">
        <Text className="section-title">发布志愿活动</Text>
        {publishAs.length === 0 ? <Text className="muted">实践站、实践所工作人员和队长可以发布活动</Text> : null}
        <View className="activity__actions">
          {publishAs.map((p) => (
            <AsyncButton
              key={p.teamId ?? 'area'}
              size="small"
              onClick={() =>
                Taro.navigateTo({
                  url: `/pages/activity/create/index?as=${encodeURIComponent(p.label)}${p.teamId ? `&teamId=${p.teamId}` : ''}`,
                })
              }
            >
              以「{p.label}」发布
            </AsyncButton>
          ))}
        </View>
        <View className="activity__actions">
          <AsyncButton size="small" type="default" onClick={() => Taro.navigateTo({ url: '/pages/activity/square/index' })}>
            活动广场
          </AsyncButton>
          {publishAs.some((p) => p.teamId === null) ? (
            <AsyncButton size="small" type="default" onClick={() => Taro.navigateTo({ url: '/pages/activity/units/index' })}>
              双报到·单位统计
            </AsyncButton>
          ) : null}
        </View>
      </View>
      {items.length === 0 ? <StateView empty emptyText="还没有组织的活动" /> : null}
      {items.map((a) => (
        <View
          key={a.activityId}
          className="card activity__card"
          onClick={() => void Taro.navigateTo({ url: `/pages/activity/detail/index?id=${a.activityId}` })}
        >
          <Text className="activity__tag">{a.category}</Text>
          <Text className="activity__title">{a.title}</Text>
          <Text className="activity__meta">
            {a.sessionCount === 1 ? spanText(a.firstStartAt, a.lastEndAt) : `${momentText(a.firstStartAt)} 起，共 ${a.sessionCount} 场`} ·{' '}
            {a.organiserName}
          </Text>
          {a.confirmOverdue > 0 ? <Text className="activity__warn">{a.confirmOverdue} 个场次超过 10 个工作日未确认时长</Text> : null}
          <Text className="activity__meta">点开查看场次，进入报名名单和签到码</Text>
        </View>
      ))}
    </AppPage>
  );
}
