import { Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { roleLabel } from '@/components/roles';
import { useElderMode } from '@/hooks/use-elder-mode';
import { callCloud } from '@/services/cloud';
import type { BindingView } from './binding/index';
import './index.scss';

interface RoleBinding {
  role: string;
  scopeId?: string;
  scopeName?: string;
}

interface WhoAmI {
  openid: string;
  name?: string;
  roles: RoleBinding[];
}

type MineState = { status: 'loading' } | { status: 'anonymous' } | { status: 'known'; me: WhoAmI };

const BINDING_TEXT: Record<NonNullable<BindingView['binding']>, string> = {
  pending: '待确认',
  confirmed: '已绑定',
  rejected: '未通过',
};

function Link({ text, extra, url }: { text: string; extra?: string; url: string }) {
  return (
    <View className="mine__link" hoverClass="mine__link--active" onClick={() => void Taro.navigateTo({ url })}>
      <Text className="mine__link-text">{text}</Text>
      <View className="mine__link-right">
        {extra ? <Text className="mine__link-extra">{extra}</Text> : null}
        <Text className="mine__link-arrow">›</Text>
      </View>
    </View>
  );
}

export default function MinePage() {
  const [state, setState] = useState<MineState>({ status: 'loading' });
  const [binding, setBinding] = useState<BindingView | null>(null);
  const [elder, setElder] = useElderMode();

  const load = useCallback(async () => {
    try {
      const me = await callCloud<WhoAmI>('identity', { action: 'whoami' });
      setState(me?.openid ? { status: 'known', me } : { status: 'anonymous' });
    } catch {
      // Not registered yet, or the function is unavailable: show the anonymous card, not an error.
      setState({ status: 'anonymous' });
    }
    try {
      setBinding(await callCloud<BindingView>('identity', { action: 'myBinding' }));
    } catch {
      setBinding(null);
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  const isHead = state.status === 'known' && state.me.roles.some((r) => r.role === 'building_head');
  // 工作台: the consoles the caller's roles open (subpackages pages/station and pages/team).
  const holds = (...roles: string[]) => state.status === 'known' && state.me.roles.some((r) => roles.includes(r.role));
  const isStaff = holds('station_staff', 'institute_staff', 'admin');
  const isLeader = holds('team_leader');
  const isVolunteer = holds('volunteer', 'team_leader');
  const bindingExtra = binding?.binding ? `${binding.buildingName} · ${BINDING_TEXT[binding.binding]}` : '未绑定';

  return (
    <AppPage className="mine">
      <View className="card mine__profile">
        <View className="mine__avatar">
          <Text className="mine__avatar-text">{state.status === 'known' ? (state.me.name ?? '用').slice(0, 1) : '?'}</Text>
        </View>
        <View className="mine__who">
          {state.status === 'loading' ? <Text className="muted">加载中…</Text> : null}
          {state.status === 'anonymous' ? <Text className="mine__name">未登录</Text> : null}
          {state.status === 'known' ? (
            <>
              <Text className="mine__name">{state.me.name || '微信用户'}</Text>
              <View className="mine__roles">
                {state.me.roles.length === 0 ? <Text className="mine__role">居民</Text> : null}
                {state.me.roles.map((r) => (
                  <Text key={`${r.role}:${r.scopeId ?? ''}`} className="mine__role">
                    {roleLabel(r.role)}
                    {r.scopeName ? ` · ${r.scopeName}` : ''}
                  </Text>
                ))}
              </View>
            </>
          ) : null}
        </View>
      </View>

      <View className="card mine__group">
        <Link text="我的订单" url="/pages/order/list/index" />
        <Link text="绑定楼栋" extra={bindingExtra} url="/pages/mine/binding/index" />
        {isHead ? <Link text="代点单" extra="为本楼栋居民下单" url="/pages/order/proxy/index" /> : null}
        {isHead ? <Link text="代点单记录" url="/pages/order/list/index?placed=1" /> : null}
      </View>

      {isStaff || isVolunteer || isHead ? (
        <View className="card mine__group">
          <View className="section-title" style={{ paddingTop: Taro.pxTransform(16) }}>
            工作台
          </View>
          {isStaff ? <Link text="派单台" extra="受理、派单、催办" url="/pages/station/queue/index" /> : null}
          {isStaff ? <Link text="服务统计" url="/pages/station/stats/index" /> : null}
          {isStaff ? <Link text="发布公告" extra="发送进度、知晓率" url="/pages/announce/manage" /> : null}
          {isHead ? <Link text="转发任务" extra="转发公告、未读住户" url="/pages/announce/tasks" /> : null}
          {isLeader ? <Link text="接单" extra="派给本队、抢单大厅" url="/pages/team/index/index" /> : null}
          {isVolunteer && !isLeader ? <Link text="服务签到" extra="我的队伍" url="/pages/team/index/index" /> : null}
          {isVolunteer ? <Link text="我的时长与积分" url="/pages/team/points/index" /> : null}
        </View>
      ) : null}

      <View className="card mine__group">
        <View className="mine__link">
          <View className="mine__switch-text">
            <Text className="mine__link-text">适老化模式</Text>
            <Text className="mine__link-hint">字更大、按钮更大、对比更强</Text>
          </View>
          <Switch checked={elder} color="#c8161d" onChange={(e) => setElder(e.detail.value)} />
        </View>
      </View>

      {process.env.TARO_ENV === 'h5' ? (
        <View className="card mine__group">
          <Link text="切换身份" url="/pages/dev/identity/index" />
        </View>
      ) : null}
    </AppPage>
  );
}
