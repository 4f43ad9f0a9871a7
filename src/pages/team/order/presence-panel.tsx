import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FormField } from '@/components/form-field';
import { formatDateTime } from '@/components/timeline';
import { orderFn } from '@/contracts';
import { earlyCheckInQuestion } from '@/domain/order/check-in.rules';
import type { SessionView } from '@/domain/order/order.views';
import { SERVICE_CODE, SERVICE_CODE_LENGTH } from '@/domain/service/service.rules';
import { ErrorCode } from '@/domain/shared/domain-error';
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
  /** When the resident's preferred window starts: a check-in well before it is asked to be confirmed. */
  windowStart: number;
  act: Act;
}

/** A refused code (wrong, or too many wrong ones): said at the field until the code is edited, not in a passing toast. */
const CODE_REFUSALS: readonly string[] = [ErrorCode.InputInvalid, ErrorCode.TooManyAttempts];
const refusesCode = (err: unknown): err is CloudCallError =>
  err instanceof CloudCallError && CODE_REFUSALS.includes(err.code) && err.message.includes('确认码');

/** 签到 / 签退: who is serving, and checking in or out by the resident's 确认码 or the leader's word. */
export function PresencePanel({ orderId, sessions, canCheckIn, canCheckOut, isLeader, members, myOpenid, windowStart, act }: Props) {
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState('');
  /** Asked once: after 确定签到, a retry (say with the right code) does not ask again. */
  const earlyConfirmed = useRef(false);
  const [subject, setSubject] = useState('');
  const who = subject || myOpenid;
  const whoSession = sessions.find((s) => s.openid === who);

  const editCode = (value: string) => {
    setCode(value);
    setCodeError('');
  };

  const presence = async (kind: 'checkIn' | 'checkOut') => {
    const typed = code.trim();
    if (typed && !SERVICE_CODE.test(typed)) return setCodeError('确认码为 6 位数字');
    if (!typed && !isLeader) return setCodeError('请输入居民出示的 6 位确认码');
    if (kind === 'checkIn' && !earlyConfirmed.current) {
      const question = earlyCheckInQuestion({ start: windowStart }, Date.now());
      if (question) {
        const answer = await Taro.showModal({
          title: '还没到预约时间',
          content: question,
          confirmText: '确定签到',
          cancelText: '再想想',
          confirmColor: '#c8161d',
        });
        if (!answer.confirm) return;
        earlyConfirmed.current = true;
      }
    }
    const call = callCloud(orderFn, kind, {
      orderId,
      ...(typed ? { code: typed } : {}),
      ...(isLeader && who && who !== myOpenid ? { volunteerOpenid: who } : {}),
      view: 'teamOrder',
    });
    try {
      await act(call, () => setCode(''));
    } catch (err) {
      // The server's own words (and how long a lock lasts, when it says so) stay beside the code.
      if (typed && refusesCode(err)) return setCodeError(err.message);
      throw err;
    }
    void Taro.showToast({ title: kind === 'checkIn' ? '已签到' : '已签退', icon: 'success' });
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
            error={codeError || undefined}
            hint={isLeader ? '请居民出示 6 位确认码；队长也可以不填，由您确认' : '请居民出示订单上的 6 位确认码'}
          >
            <FieldInput type="number" maxlength={SERVICE_CODE_LENGTH} value={code} placeholder="6 位数字" onChange={editCode} />
          </FormField>
          {canCheckIn && !whoSession ? (
            <AsyncButton className="torder__button" onClick={() => presence('checkIn')}>
              {code.trim() ? '凭确认码签到' : isLeader ? '队长确认签到' : '签到'}
            </AsyncButton>
          ) : null}
          {canCheckOut && whoSession && whoSession.checkOutAt === null ? (
            <AsyncButton className="torder__button" onClick={() => presence('checkOut')}>
              {code.trim() ? '凭确认码签退' : isLeader ? '队长确认签退' : '签退'}
            </AsyncButton>
          ) : null}
          {whoSession && whoSession.checkOutAt !== null ? <Text className="muted">本次服务已签退</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
