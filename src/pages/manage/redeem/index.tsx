import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FormField } from '@/components/form-field';
import { identityFn } from '@/contracts';
import type { RedeemResult } from '@/domain/identity/identity.views';
import { INVITATION_CODE_LENGTH } from '@/domain/identity/invitation.rules';
import { rememberActiveRole } from '@/hooks/use-active-role';
import { CloudCallError, callCloud } from '@/services/cloud';
import { fetchWhoAmI } from '../shared/whoami';
import './index.scss';

/** 使用邀请码 (anyone): the 8-character code a staff member gave; the new role becomes the active one in 我的. */
export default function RedeemPage() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [result, setResult] = useState<RedeemResult | null>(null);

  const redeem = async () => {
    const typed = code.trim().toUpperCase();
    if (!new RegExp(`^[A-Z0-9]{${INVITATION_CODE_LENGTH}}$`).test(typed)) {
      setError(`邀请码是 ${INVITATION_CODE_LENGTH} 位字母或数字`);
      return;
    }
    setError(undefined);
    try {
      const done = await callCloud(identityFn, 'redeemInvitation', { code: typed });
      setResult(done);
      // Someone who just became e.g. 楼栋长 wants that console next in 我的.
      const me = await fetchWhoAmI().catch(() => null);
      if (me) rememberActiveRole(me.openid, done.role);
    } catch (err) {
      // The server's answer (无效、已使用或已过期) belongs under the field; other failures toast.
      if (!(err instanceof CloudCallError) || err.code === 'NETWORK') throw err;
      setError(err.message);
    }
  };

  if (result) {
    return (
      <AppPage className="mredeem">
        <View className="card mredeem__done">
          <Text className="mredeem__tick">✓</Text>
          <Text className="mredeem__title">邀请码已使用</Text>
          <Text className="mredeem__role">
            你现在是 {result.label}
            {result.scopeName ? ` · ${result.scopeName}` : ''}
          </Text>
          <Text className="muted mredeem__hint">「我的」里可以切换身份，工作台随之变化</Text>
          <AsyncButton className="mredeem__go" onClick={() => Taro.switchTab({ url: '/pages/mine/index' })}>
            去「我的」
          </AsyncButton>
        </View>
      </AppPage>
    );
  }

  return (
    <AppPage className="mredeem">
      <View className="card">
        <Text className="mredeem__intro">社区实践站、街道实践所的工作人员和楼栋长，凭工作人员发给你的邀请码获得相应身份。</Text>
        <FormField label="邀请码" required error={error} hint={`${INVITATION_CODE_LENGTH} 位字母或数字，不区分大小写`}>
          <Input
            className="form-field__input mredeem__input"
            placeholder="例如：AB23CD45"
            placeholderClass="form-field__placeholder"
            maxlength={INVITATION_CODE_LENGTH}
            value={code}
            onInput={(e) => {
              setCode(e.detail.value.toUpperCase());
              setError(undefined);
            }}
          />
        </FormField>
        <AsyncButton className="mredeem__submit" onClick={redeem}>
          使用邀请码
        </AsyncButton>
      </View>
    </AppPage>
  );
}
