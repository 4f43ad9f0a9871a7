import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { MANAGE_SCREENS } from '../shared/screens';
import { fetchWhoAmI, holdsAny } from '../shared/whoami';
import './index.scss';

/** 管理: the screens the caller's roles open (staff: all five; a building head: 住户绑定审核). */
export default function ManageHubPage() {
  const { state, reload } = useCloudLoad(fetchWhoAmI, []);
  if (state.status !== 'ready') {
    return (
      <AppPage className="mhub">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const screens = MANAGE_SCREENS.filter((s) => holdsAny(state.data, s.roles));
  // 负责范围 lists what the caller answers for: a resident's home and a member's team are not theirs to manage.
  const scopes = [
    ...new Set(
      state.data.roles
        .filter((r) => r.role !== 'resident' && r.role !== 'volunteer' && r.scopeName)
        .map((r) => `${r.scopeName}（${r.label}）`),
    ),
  ];
  return (
    <AppPage className="mhub">
      {scopes.length > 0 ? <Text className="muted mhub__scope">负责范围：{scopes.join('、')}</Text> : null}
      {screens.length === 0 ? (
        <StateView empty emptyText="你还没有管理权限。工作人员或楼栋长请先使用邀请码。" />
      ) : (
        <View className="mhub__grid">
          {screens.map((s) => (
            <View key={s.url} className="mhub__tile" hoverClass="mhub__tile--active" onClick={() => void Taro.navigateTo({ url: s.url })}>
              <Text className="mhub__title">{s.title}</Text>
              <Text className="mhub__desc">{s.desc}</Text>
            </View>
          ))}
        </View>
      )}
    </AppPage>
  );
}
