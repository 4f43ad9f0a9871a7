import { Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { FormField } from '@/components/form-field';
import { orderFn } from '@/contracts';
import { NOTE_MAX } from '@/domain/order/order.rules';
import { CloudCallError, callCloud } from '@/services/cloud';
import type { Act } from './act';

interface Props {
  orderId: string;
  version: number;
  canTake: boolean;
  canDecline: boolean;
  act: Act;
  reload: (quiet?: boolean) => Promise<void>;
}

/** 接单, or 退回 with a reason (the order goes back to the station, which reassigns it). */
export function TakePanel({ orderId, version, canTake, canDecline, act, reload }: Props) {
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');

  const take = () =>
    act(callCloud(orderFn, 'transition', { orderId, event: 'take', expectedVersion: version, view: 'teamOrder' }), () => setNote(''));
  // 退回 hands the order back to the station and closes it to this team: back to the inbox, which refreshes.
  const decline = async () => {
    if (!note.trim()) {
      setNoteError('请先填写退回的理由');
      throw new CloudCallError('INPUT', '请先填写退回的理由');
    }
    try {
      await callCloud(orderFn, 'transition', { orderId, event: 'decline', expectedVersion: version, note: note.trim() });
    } catch (err) {
      await reload(true);
      throw err;
    }
    if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
    else await Taro.redirectTo({ url: '/pages/team/index/index' });
  };

  return (
    <View className="card">
      {canTake ? (
        <AsyncButton className="torder__button" successToast="已接单" onClick={take}>
          接单
        </AsyncButton>
      ) : null}
      {canDecline ? (
        <>
          <FormField label="退回的理由" required error={noteError} hint="实践站会看到这段说明，并改派其他队伍">
            <Textarea
              className="form-field__textarea"
              value={note}
              maxlength={NOTE_MAX}
              placeholder="例如：本周队员都不在，无法按时服务"
              onInput={(e) => {
                setNote(e.detail.value);
                setNoteError('');
              }}
            />
          </FormField>
          <AsyncButton
            className="torder__button"
            type="warn"
            confirm={
              note.trim()
                ? { title: '退回订单', content: '退回后订单回到实践站重新派单。确定退回吗？', confirmText: '确定退回' }
                : undefined
            }
            successToast="已退回"
            onClick={decline}
          >
            退回
          </AsyncButton>
        </>
      ) : null}
    </View>
  );
}

/** 抢单 from the pool: one button, or one per team the leader may grab it for. */
export function GrabPanel({ orderId, grabTeams, act }: { orderId: string; grabTeams: { teamId: string; name: string }[]; act: Act }) {
  return (
    <View className="card">
      {(grabTeams.length > 1 ? grabTeams : [undefined]).map((t) => (
        <AsyncButton
          key={t?.teamId ?? 'only'}
          className="torder__button"
          successToast="抢单成功"
          onClick={() =>
            // No expectedVersion: a lost race reads the server's 手慢了… message.
            act(callCloud(orderFn, 'transition', { orderId, event: 'grab', ...(t ? { teamId: t.teamId } : {}), view: 'teamOrder' }))
          }
        >
          {t ? `以「${t.name}」抢单` : '抢单'}
        </AsyncButton>
      ))}
    </View>
  );
}
