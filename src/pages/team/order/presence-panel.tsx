import { Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FormField } from '@/components/form-field';
import { formatDateTime } from '@/components/timeline';
import { orderFn } from '@/contracts';
import type { SessionView } from '@/domain/order/order.views';
import { SERVICE_CODE, SERVICE_CODE_LENGTH } from '@/domain/service/service.rules';
import { CloudCallError, callCloud } from '@/services/cloud';
import type { Act } from './act';
import type { AssignableMember } from './assign-panel';

const CONFIRM_BY: Record<string, string> = {
  resident_code: '居民确认码',
  leader: '队长确认',
  leader_correction: '队长更正',
  completion: '完成时自动签退',
};

function Sessions({ sessions }: { sessions: SessionView[] }) {
  if (sessions.length === 0) return <Text className="muted">还没有人签到</Text>;
  return (
    <View className="sessions">
      {sessions.map((s) => (
        <View key={s.openid} className="sessions__item">
          <View className="sessions__head">
            <Text className="sessions__name">{s.displayName}</Text>
            <Text className="sessions__hours">{s.checkOutAt === null ? '服务中' : `${s.hours} 小时`}</Text>
          </View>
          <Text className="sessions__meta">
            签到 {formatDateTime(s.checkInAt)}（{CONFIRM_BY[s.checkInBy] ?? s.checkInBy}）
          </Text>
          <Text className="sessions__meta">
            {s.checkOutAt === null ? '未签退' : `签退 ${formatDateTime(s.checkOutAt)}（${CONFIRM_BY[s.checkOutBy ?? ''] ?? s.checkOutBy}）`}
          </Text>
          {s.correctionNote ? <Text className="sessions__meta">更正原因：{s.correctionNote}</Text> : null}
        </View>
      ))}
    </View>
  );
}

interface Props {
  orderId: string;
  sessions: SessionView[];
  canCheckIn: boolean;
  canCheckOut: boolean;
  isLeader: boolean;
  /** The team's members (for the leader's 为谁签到 / 签退 picker). */
  members: AssignableMember[];
  myOpenid: string;
  act: Act;
}

/** 签到 / 签退: who is serving, and checking in or out by the resident's 确认码 or the leader's word. */
export function PresencePanel({ orderId, sessions, canCheckIn, canCheckOut, isLeader, members, myOpenid, act }: Props) {
  const [code, setCode] = useState('');
  const [subject, setSubject] = useState('');
  const who = subject || myOpenid;
  const whoSession = sessions.find((s) => s.openid === who);

  const presence = (kind: 'checkIn' | 'checkOut') => {
    const typed = code.trim();
    if (typed && !SERVICE_CODE.test(typed)) return Promise.reject(new CloudCallError('INPUT', '确认码为 6 位数字'));
    if (!typed && !isLeader) return Promise.reject(new CloudCallError('INPUT', '请输入居民出示的 6 位确认码'));
    const call = callCloud(orderFn, kind, {
      orderId,
      ...(typed ? { code: typed } : {}),
      ...(isLeader && who && who !== myOpenid ? { volunteerOpenid: who } : {}),
      view: 'teamOrder',
    });
    return act(call, () => setCode(''));
  };

  return (
    <View className="card">
      <Text className="section-title torder__card-title">签到 / 签退</Text>
      <Sessions sessions={sessions} />
      {canCheckIn || canCheckOut ? (
        <View className="torder__presence">
          {isLeader && members.length > 0 ? (
            <Picker
              mode="selector"
              range={members.map((m) => m.label)}
              value={Math.max(
                0,
                members.findIndex((m) => m.openid === who),
              )}
              onChange={(e) => setSubject(members[Number(e.detail.value)]?.openid ?? '')}
            >
              <FormField label="为谁签到 / 签退" inline>
                <Text className="form-field__picker">{members.find((m) => m.openid === who)?.label ?? '我'} ▾</Text>
              </FormField>
            </Picker>
          ) : null}
          <FormField
            label="居民确认码"
            required={!isLeader}
            hint={isLeader ? '请居民出示 6 位确认码；队长也可以不填，由您确认' : '请居民出示订单上的 6 位确认码'}
          >
            <FieldInput type="number" maxlength={SERVICE_CODE_LENGTH} value={code} placeholder="6 位数字" onChange={setCode} />
          </FormField>
          {canCheckIn && !whoSession ? (
            <AsyncButton className="torder__button" successToast="已签到" onClick={() => presence('checkIn')}>
              {code.trim() ? '凭确认码签到' : isLeader ? '队长确认签到' : '签到'}
            </AsyncButton>
          ) : null}
          {canCheckOut && whoSession && whoSession.checkOutAt === null ? (
            <AsyncButton className="torder__button" successToast="已签退" onClick={() => presence('checkOut')}>
              {code.trim() ? '凭确认码签退' : isLeader ? '队长确认签退' : '签退'}
            </AsyncButton>
          ) : null}
          {whoSession && whoSession.checkOutAt !== null ? <Text className="muted">本次服务已签退</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
