import { Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { CONSOLES, type Console } from '@/components/role-consoles';
import { roleLabel } from '@/components/roles';
import { identityFn } from '@/contracts';
import type { BindingState, HeldRole, WhoAmI } from '@/domain/identity/identity.views';
import type { Role } from '@/domain/identity/role';
import { ACTIVE_ROLE_ORDER, rememberOpenid, useActiveRole } from '@/hooks/use-active-role';
import { useElderMode } from '@/hooks/use-elder-mode';
import { callCloud } from '@/services/cloud';
import './index.scss';

type MineState = { status: 'loading' } | { status: 'anonymous' } | { status: 'known'; me: WhoAmI };

const BINDING_TEXT: Record<NonNullable<BindingState['binding']>, string> = {
  pending: '待确认',
  confirmed: '已绑定',
  rejected: '未通过',
};

const REGISTER: Console = { text: '志愿者注册', extra: '实名注册、加入队伍', url: '/pages/volunteer/register/index' };
const REDEEM: Console = { text: '使用邀请码', extra: '工作人员、楼栋长', url: '/pages/manage/redeem/index' };

function Link({ text, extra, url }: Console) {
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

/** The roles held, one row each (a role held on several scopes lists them together), in ACTIVE_ROLE_ORDER. */
function heldRoles(grants: readonly HeldRole[]): { role: Role; scopes: string }[] {
  return ACTIVE_ROLE_ORDER.filter((role) => grants.some((g) => g.role === role)).map((role) => ({
    role,
    scopes: grants
      .filter((g) => g.role === role)
      .map((g) => g.scopeName ?? '')
      .filter(Boolean)
      .join('、'),
  }));
}

export default function MinePage() {
  const [state, setState] = useState<MineState>({ status: 'loading' });
  const [binding, setBinding] = useState<BindingState | null>(null);
  const [elder, setElder] = useElderMode();

  const load = useCallback(async () => {
    try {
      // One call: who the caller is and their binding.
      const { me, binding } = await callCloud(identityFn, 'mine');
      if (me?.openid) rememberOpenid(me.openid);
      setState(me?.openid ? { status: 'known', me } : { status: 'anonymous' });
      setBinding(binding);
    } catch {
      // Not registered yet, or the function is unavailable: show the anonymous card, not an error.
      setState({ status: 'anonymous' });
      setBinding(null);
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  const me = state.status === 'known' ? state.me : null;
  const roles = heldRoles(me?.roles ?? []);
  const [active, setActive] = useActiveRole(
    me?.openid ?? null,
    roles.map((r) => r.role),
  );
  const consoles = [
    ...(active ? CONSOLES[active] : []),
    ...(roles.some((r) => r.role === 'volunteer' || r.role === 'team_leader') ? [] : [REGISTER]),
    REDEEM,
  ];
  const bindingExtra = binding?.binding ? `${binding.buildingName} · ${BINDING_TEXT[binding.binding]}` : '未绑定';

  return (
    <AppPage className="mine">
      <View className="card mine__profile">
        <View className="mine__avatar">
          <Text className="mine__avatar-text">{me ? (me.name ?? '用').slice(0, 1) : '?'}</Text>
        </View>
        <View className="mine__who">
          {state.status === 'loading' ? <Text className="muted">加载中…</Text> : null}
          {state.status === 'anonymous' ? <Text className="mine__name">未登录</Text> : null}
          {me ? (
            <>
              <Text className="mine__name">{me.name || '微信用户'}</Text>
              <Text className="mine__current">{active ? `当前身份：${roleLabel(active)}` : '居民'}</Text>
            </>
          ) : null}
        </View>
      </View>

      {roles.length > 0 ? (
        <View className="card mine__group">
          <View className="mine__roles-head">
            <Text className="section-title mine__roles-title">我的身份</Text>
            {roles.length > 1 ? <Text className="mine__link-hint">点选切换，工作台随之变化</Text> : null}
          </View>
          {roles.map((r) => (
            <View
              key={r.role}
              className={`mine__role${r.role === active ? ' mine__role--active' : ''}`}
              hoverClass="mine__link--active"
              onClick={() => setActive(r.role)}
            >
              <View className="mine__role-main">
                <Text className="mine__role-label">{roleLabel(r.role)}</Text>
                {r.scopes ? <Text className="mine__role-scope">{r.scopes}</Text> : null}
              </View>
              {r.role === active ? <Text className="mine__role-tag">当前</Text> : <Text className="mine__role-switch">切换</Text>}
            </View>
          ))}
        </View>
      ) : null}

      <View className="card mine__group">
        <Link text="我的订单" url="/pages/order/list/index" />
        <Link text="绑定楼栋" extra={bindingExtra} url="/pages/mine/binding/index" />
      </View>

      <View className="card mine__group">
        <View className="section-title mine__group-title">工作台</View>
        {consoles.map((c) => (
          <Link key={c.text} {...c} />
        ))}
      </View>

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
