import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { OTHER_GROUP, ROLE_GROUPS, roleLabel, roleRank } from '@/components/roles';
import { type LoadState, StateView } from '@/components/state-view';
import { currentDevOpenid, type DevIdentity, listDevIdentities, setDevOpenid } from '@/services/dev-identity';
import './index.scss';

/** H5 only (local/browser build): choose which identity the browser plays. */

interface Group {
  label: string;
  identities: DevIdentity[];
}

/** Each identity appears once, under the role it demonstrates (a 楼栋长 who also volunteers is listed as 楼栋长). */
function groupByRole(identities: DevIdentity[]): Group[] {
  const buckets = new Map<string, DevIdentity[]>();
  for (const identity of identities) {
    const primary = identity.primaryRole ?? [...identity.roles].sort((a, b) => roleRank(b) - roleRank(a))[0];
    const label = primary !== undefined && roleRank(primary) >= 0 ? roleLabel(primary) : OTHER_GROUP;
    const bucket = buckets.get(label) ?? [];
    bucket.push(identity);
    buckets.set(label, bucket);
  }
  return [...ROLE_GROUPS.map((g) => g.label), OTHER_GROUP]
    .filter((label) => buckets.has(label))
    .map((label) => ({ label, identities: buckets.get(label) ?? [] }));
}

export default function DevIdentityPage() {
  const [state, setState] = useState<LoadState<DevIdentity[]>>({ status: 'loading' });
  const [current, setCurrent] = useState<string | undefined>(() => currentDevOpenid());

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', data: await listDevIdentities() });
    } catch (err) {
      setState({ status: 'error', message: err instanceof Error ? err.message : '身份列表加载失败' });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const groups = useMemo(() => (state.status === 'ready' ? groupByRole(state.data) : []), [state]);
  const currentIdentity = state.status === 'ready' ? state.data.find((i) => i.openid === current) : undefined;

  const choose = (identity: DevIdentity) => {
    setDevOpenid(identity.openid);
    setCurrent(identity.openid);
    void Taro.reLaunch({ url: '/pages/index/index' });
  };

  return (
    <ScrollView scrollY className="page identity">
      <View className="card identity__current">
        <Text className="muted">当前身份</Text>
        <Text className="identity__current-name">
          {currentIdentity
            ? `${currentIdentity.realName ?? currentIdentity.name}（${currentIdentity.label}）`
            : current
              ? current
              : '未选择'}
        </Text>
      </View>

      {state.status === 'ready' && groups.length > 0 ? (
        groups.map((group) => (
          <View key={group.label} className="identity__group">
            <Text className="section-title">{group.label}</Text>
            <View className="identity__list">
              {group.identities.map((identity) => (
                <View
                  key={identity.openid}
                  className={`identity__item${identity.openid === current ? ' identity__item--current' : ''}`}
                  hoverClass="identity__item--active"
                  onClick={() => choose(identity)}
                >
                  <View className="identity__item-main">
                    <Text className="identity__item-name">{identity.realName ?? identity.name}</Text>
                    <Text className="identity__item-label">{identity.label}</Text>
                  </View>
                  {identity.openid === current ? <Text className="identity__item-tick">当前</Text> : null}
                </View>
              ))}
            </View>
          </View>
        ))
      ) : (
        <StateView
          loading={state.status === 'loading'}
          error={state.status === 'error' ? state.message : undefined}
          empty={state.status === 'ready'}
          emptyText="暂无可用身份"
          onRetry={() => void load()}
        />
      )}
    </ScrollView>
  );
}
