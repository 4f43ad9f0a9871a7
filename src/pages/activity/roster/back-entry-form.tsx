import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { FieldInput } from '@/components/form-field';
import { activityFn } from '@/contracts';
import type { RosterRow, SessionRoster } from '@/domain/activity/activity.views';
import { backEntryProblem } from '@/domain/hours/hours.rules';
import { callCloud } from '@/services/cloud';

/** 补录 for one volunteer the code did not record: hours and a reason; other staff approve it before it counts. */
export function BackEntryForm({
  sessionId,
  row,
  plannedHours,
  onDone,
}: {
  sessionId: string;
  row: RosterRow;
  plannedHours: number;
  onDone: (r: SessionRoster) => void;
}) {
  const [open, setOpen] = useState(false);
  const [hours, setHours] = useState(String(plannedHours));
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <AsyncButton size="small" type="default" onClick={() => setOpen(true)}>
        补录
      </AsyncButton>
    );
  }
  const problem = backEntryProblem(Number(hours), plannedHours, reason);
  return (
    <View className="activity__row-main">
      <Text className="activity__meta">为 {row.displayName} 补录（需其他工作人员审核后计入）</Text>
      <FieldInput type="digit" placeholder="时长（小时）" value={hours} onChange={setHours} />
      <FieldInput maxlength={100} placeholder="补录原因，如：手机没电未能签到" value={reason} onChange={setReason} />
      {reason && problem ? <Text className="activity__warn">{problem}</Text> : null}
      <View className="activity__actions">
        <AsyncButton
          size="small"
          disabled={problem !== null}
          successToast="已提交审核"
          onClick={async () =>
            onDone(await callCloud(activityFn, 'backEnter', { sessionId, openid: row.openid, hours: Number(hours), reason }))
          }
        >
          提交补录
        </AsyncButton>
        <AsyncButton size="small" type="default" onClick={() => setOpen(false)}>
          取消
        </AsyncButton>
      </View>
    </View>
  );
}
