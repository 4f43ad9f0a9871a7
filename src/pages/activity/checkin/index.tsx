import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { StateView } from '@/components/state-view';
import { activityFn } from '@/contracts';
import { ACTIVITY_CODE } from '@/domain/activity/activity.rules';
import type { AttendResult, MySignUp } from '@/domain/activity/activity.views';
import { scanOutcome } from '@/domain/activity/checkin-qr';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { hhmm, spanText } from '../shared/format';
import { ActivityPagePending } from '../shared/page-pending';
import '../shared/activity.scss';

/** What the last 签到 / 签退 recorded (nothing before the first). */
function DoneCard({ done }: { done: AttendResult | null }) {
  if (!done) return null;
  return (
    <View className="card activity__center">
      <Text className="activity__title">{done.attendance === 'in' ? '签到成功' : '签退成功'}</Text>
      <Text className="activity__meta">
        {done.title} · {hhmm(done.at)}
        {done.attendance === 'out' ? ` · 计 ${done.hours} 小时，组织者确认后计入服务时长` : ''}
      </Text>
    </View>
  );
}

/** `wx.scanCode` exists in the mini-program only; the browser build asks for the typed code. */
const CAN_SCAN = process.env.TARO_ENV === 'weapp';

/** 签到 / 签退 (`?sessionId=` optional): scan the organiser's QR (扫码签到) or enter the 6-digit code it shows. */
export default function CheckInPage() {
  const wanted = useRouter().params.sessionId ?? '';
  const { state, reload } = useCloudLoad(() => callCloud(activityFn, 'mySignUps'), []);
  const [picked, setPicked] = useState('');
  const [code, setCode] = useState('');
  const [done, setDone] = useState<AttendResult | null>(null);
  if (state.status !== 'ready') return <ActivityPagePending state={state} reload={reload} />;
  const open = state.data.items.filter((s) => s.status === 'signed_up' && (s.attendance === 'none' || s.attendance === 'in'));
  const current: MySignUp | undefined = open.find((s) => s.sessionId === (picked || wanted)) ?? open[0];
  if (!current) {
    return (
      <AppPage className="activity">
        <DoneCard done={done} />
        <StateView empty emptyText="没有需要签到或签退的场次。先在「志愿活动」报名，活动开始前 1 小时可以签到" />
      </AppPage>
    );
  }
  const step = current.attendance === 'in' ? 'out' : 'in';
  const label = step === 'in' ? '签到' : '签退';
  const scan = async () => {
    let text: string;
    try {
      // Camera only: a photo of the code from the album is not presence.
      text = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // cancelled
    }
    const outcome = scanOutcome(
      text,
      open.map((s) => ({ sessionId: s.sessionId, step: s.attendance === 'in' ? ('out' as const) : ('in' as const) })),
    );
    if (!outcome.ok) {
      void Taro.showToast({ title: outcome.message, icon: 'none', duration: 3000 });
      return;
    }
    setPicked(outcome.sessionId);
    setCode(outcome.code);
  };
  const submit = async () => {
    const result = await callCloud(activityFn, 'attend', { sessionId: current.sessionId, step, code });
    setDone(result);
    setCode('');
    await reload(true);
  };
  return (
    <AppPage className="activity">
      <DoneCard done={done} />
      {open.length > 1 ? (
        <View className="card">
          <Text className="section-title">选择场次</Text>
          {open.map((s) => (
            <View key={s.sessionId} className="activity__row" onClick={() => setPicked(s.sessionId)}>
              <Text className={s.sessionId === current.sessionId ? 'activity__warn' : ''}>
                {s.sessionId === current.sessionId ? '● ' : '○ '}
                {s.title} {spanText(s.startAt, s.endAt)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className="card activity__center">
        <Text className="activity__title">{current.title}</Text>
        <Text className="activity__meta">{spanText(current.startAt, current.endAt)}</Text>
        <Text className="activity__meta">
          {CAN_SCAN
            ? `扫组织者手机上的二维码，或输入正在显示的${label}码（6 位数字，每 30 秒更换）`
            : `请输入6位${label}码：组织者手机上正在显示的数字，每 30 秒更换`}
        </Text>
        {CAN_SCAN ? (
          <AsyncButton type="default" onClick={scan}>
            扫码{label}
          </AsyncButton>
        ) : null}
        <Input
          className="activity__input"
          type="number"
          maxlength={6}
          value={code}
          placeholder={`${label}码`}
          onInput={(e) => setCode(e.detail.value.replace(/\D/g, '').slice(0, 6))}
        />
        <AsyncButton disabled={!ACTIVITY_CODE.test(code)} successToast={`${label}成功`} onClick={submit}>
          {label}
        </AsyncButton>
      </View>
    </AppPage>
  );
}
