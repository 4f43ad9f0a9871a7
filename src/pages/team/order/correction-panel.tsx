import { Picker, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { FormField } from '@/components/form-field';
import { orderFn } from '@/contracts';
import { NOTE_MAX } from '@/domain/order/order.rules';
import type { SessionView } from '@/domain/order/order.views';
import { callCloud } from '@/services/cloud';
import type { Act } from './act';

const pad2 = (n: number) => String(n).padStart(2, '0');
const dateOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
};
const timeOf = (ms: number) => {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};
/** "2025-03-05" + "11:30" in the phone's local time → ms. */
const at = (date: string, time: string) => {
  const [y = 0, mo = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(':').map(Number);
  return new Date(y, mo - 1, d, h, mi).getTime();
};

interface Props {
  orderId: string;
  version: number;
  sessions: SessionView[];
  act: Act;
}

/** 更正签退 by the leader: the real check-out time of a volunteer and why, recorded on the timeline. */
export function CorrectionPanel({ orderId, version, sessions, act }: Props) {
  const [fix, setFix] = useState<{ openid: string; date: string; time: string; note: string } | null>(null);

  const correct = () => {
    if (!fix) return Promise.resolve();
    const call = callCloud(orderFn, 'correctCheckOut', {
      orderId,
      volunteerOpenid: fix.openid,
      at: at(fix.date, fix.time),
      note: fix.note.trim(),
      expectedVersion: version,
      view: 'teamOrder',
    });
    return act(call).then(() => setFix(null));
  };

  return (
    <View className="card">
      <Text className="section-title torder__card-title">更正签退</Text>
      {fix === null ? (
        <>
          <Text className="muted torder__hint">队员忘记签退或签退时间有误时，由队长填写实际签退时间和原因，记录在订单进度中。</Text>
          <AsyncButton
            type="default"
            className="torder__button"
            onClick={() => {
              const s = sessions.find((x) => x.checkOutAt === null) ?? sessions[0];
              if (s) setFix({ openid: s.openid, date: dateOf(Date.now()), time: timeOf(Date.now()), note: '' });
            }}
          >
            更正签退…
          </AsyncButton>
        </>
      ) : (
        <>
          <Picker
            mode="selector"
            range={sessions.map((s) => s.displayName)}
            value={Math.max(
              0,
              sessions.findIndex((s) => s.openid === fix.openid),
            )}
            onChange={(e) => setFix({ ...fix, openid: sessions[Number(e.detail.value)]?.openid ?? fix.openid })}
          >
            <FormField label="队员" inline>
              <Text className="form-field__picker">{sessions.find((s) => s.openid === fix.openid)?.displayName} ▾</Text>
            </FormField>
          </Picker>
          <Picker mode="date" value={fix.date} onChange={(e) => setFix({ ...fix, date: e.detail.value })}>
            <FormField label="签退日期" inline>
              <Text className="form-field__picker">{fix.date} ▾</Text>
            </FormField>
          </Picker>
          <Picker mode="time" value={fix.time} onChange={(e) => setFix({ ...fix, time: e.detail.value })}>
            <FormField label="签退时间" inline>
              <Text className="form-field__picker">{fix.time} ▾</Text>
            </FormField>
          </Picker>
          <FormField label="更正原因" required>
            <Textarea
              className="form-field__textarea"
              value={fix.note}
              maxlength={NOTE_MAX}
              placeholder="例如：队员离开时忘记签退，按实际离开时间更正"
              onInput={(e) => setFix({ ...fix, note: e.detail.value })}
            />
          </FormField>
          <AsyncButton
            className="torder__button"
            disabled={!fix.note.trim()}
            confirm={{
              title: '更正签退',
              content: '更正会记录在订单进度中，居民和实践站都能看到。确定更正吗？',
              confirmText: '确定更正',
            }}
            successToast="已更正"
            onClick={correct}
          >
            确认更正
          </AsyncButton>
          <AsyncButton type="default" className="torder__button" onClick={() => setFix(null)}>
            取消
          </AsyncButton>
        </>
      )}
    </View>
  );
}
