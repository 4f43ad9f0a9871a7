import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { StateView } from '@/components/state-view';
import { Tabs } from '@/components/tabs';
import { activityFn } from '@/contracts';
import type { CodeAction } from '@/domain/activity/activity.rules';
import type { CurrentCode } from '@/domain/activity/activity.views';
import { checkInQrPayload } from '@/domain/activity/checkin-qr';
import { callCloud, errorMessage } from '@/services/cloud';
import { QrGrid } from '../shared/qr-grid';
import '../shared/activity.scss';

/** How often the screen asks for the code (it changes every 30 s; the previous one stays valid one more slice). */
const REFRESH_MS = 5_000;

/** 签到码 (`?sessionId=`): the organiser's rotating 6-digit code for 签到 or 签退, refreshed every few seconds. */
export default function CodePage() {
  const sessionId = useRouter().params.sessionId ?? '';
  const [step, setStep] = useState<CodeAction>('in');
  const [current, setCurrent] = useState<CurrentCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const skew = useRef(0);

  // The phone stays lit while the code is shown (WeChat only; the browser ignores it).
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!sessionId) return;
    let alive = true;
    const load = async () => {
      try {
        const c = await callCloud(activityFn, 'code', { sessionId, step });
        if (!alive) return;
        skew.current = c.now - Date.now();
        setCurrent(c);
        setError(null);
      } catch (err) {
        if (alive) setError(errorMessage(err));
      }
    };
    void load();
    const timer = setInterval(() => {
      setTick((t) => t + 1);
      void load();
    }, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [sessionId, step]);

  if (!sessionId) {
    return (
      <AppPage className="activity">
        <StateView error="没有指定场次，请从活动详情进入" />
      </AppPage>
    );
  }
  const secondsLeft = current ? Math.max(0, Math.ceil((current.validUntil - (Date.now() + skew.current)) / 1000)) : 0;
  return (
    <AppPage className="activity">
      <Tabs<CodeAction>
        tabs={[
          { key: 'in', label: '签到码' },
          { key: 'out', label: '签退码' },
        ]}
        active={step}
        onChange={(k) => {
          setCurrent(null);
          setStep(k);
        }}
      />
      <View className="card activity__center" data-tick={tick}>
        <Text className="activity__meta">
          请志愿者在「志愿活动 → 签到 / 签退」扫下面的二维码，或输入{step === 'in' ? '签到' : '签退'}码
        </Text>
        {error ? <Text className="activity__warn">{error}</Text> : null}
        {current && current.step === step ? <QrGrid text={checkInQrPayload(current)} /> : null}
        <Text className="activity__code">{current && current.step === step ? current.code : '······'}</Text>
        <Text className="muted">{current ? `约 ${secondsLeft} 秒后更换，刚换下的码仍可用 30 秒` : '正在获取…'}</Text>
      </View>
    </AppPage>
  );
}
