import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { ASSIGNEES_MAX } from '@/domain/order/assignment.rules';
import './assign-panel.scss';

export interface AssignableMember {
  openid: string;
  label: string;
}

interface Props {
  /** Who is assigned now (openid + masked name), from the order detail. */
  assignees: { openid: string; name: string }[];
  /** The team's members the leader may pick; empty for everyone but the leader. */
  members: AssignableMember[];
  /** Present when the caller may assign (the leader, while the team serves the order). */
  onAssign?: (openids: string[]) => Promise<unknown>;
}

/**
 * 指派队员: everyone sees who serves the order; the leader taps members to pick them and saves.
 * Chips rather than checkboxes: large tap targets that look the same on weapp and H5.
 */
export function AssignPanel({ assignees, members, onAssign }: Props) {
  const [picked, setPicked] = useState<string[]>(assignees.map((a) => a.openid));
  const assignedKey = assignees.map((a) => a.openid).join(',');
  // A reload (after saving or pull-to-refresh) resets the picks to what the server holds.
  useEffect(() => setPicked(assignedKey ? assignedKey.split(',') : []), [assignedKey]);

  if (!onAssign && assignees.length === 0) return null;
  const toggle = (openid: string) =>
    setPicked((p) => (p.includes(openid) ? p.filter((o) => o !== openid) : p.length < ASSIGNEES_MAX ? [...p, openid] : p));
  const unchanged =
    picked.slice().sort().join(',') ===
    assignees
      .map((a) => a.openid)
      .sort()
      .join(',');

  return (
    <View className="card assign">
      <Text className="section-title assign__title">指派队员</Text>
      <Text className="assign__current">
        {assignees.length > 0 ? `已指派：${assignees.map((a) => a.name).join('、')}` : '尚未指派，本队队员都可以签到'}
      </Text>
      {onAssign ? (
        <>
          <View className="assign__chips">
            {members.map((m) => {
              const on = picked.includes(m.openid);
              return (
                <View key={m.openid} className={`assign__chip${on ? ' assign__chip--on' : ''}`} onClick={() => toggle(m.openid)}>
                  <Text>{on ? `✓ ${m.label}` : m.label}</Text>
                </View>
              );
            })}
          </View>
          <Text className="muted assign__hint">指派后只有被指派的队员可以凭确认码签到；队长仍可为任何队员确认签到。</Text>
          <AsyncButton
            className="assign__button"
            disabled={picked.length === 0 || unchanged}
            successToast="已指派"
            onClick={() => onAssign(picked)}
          >
            保存指派（{picked.length} 人）
          </AsyncButton>
        </>
      ) : null}
    </View>
  );
}
