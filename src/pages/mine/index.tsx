import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { roleLabel } from '@/components/roles';
import { callCloud } from '@/services/cloud';
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

export default function MinePage() {
  const [state, setState] = useState<MineState>({ status: 'loading' });

  const load = useCallback(async () => {
    try {
      const me = await callCloud<WhoAmI>('identity', { action: 'whoami' });
      setState(me?.openid ? { status: 'known', me } : { status: 'anonymous' });
    } catch {
      // Not registered yet, or the function is unavailable: show the anonymous card, not an error.
      setState({ status: 'anonymous' });
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  return (
    <View className="page mine">
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

      {process.env.TARO_ENV === 'h5' ? (
        <View
          className="card mine__link"
          hoverClass="mine__link--active"
          onClick={() => Taro.navigateTo({ url: '/pages/dev/identity/index' })}
        >
          <Text className="mine__link-text">切换身份</Text>
          <Text className="mine__link-arrow">›</Text>
        </View>
      ) : null}
    </View>
  );
}
