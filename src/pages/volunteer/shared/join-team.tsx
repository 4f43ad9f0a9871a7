import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { FieldInput } from '@/components/form-field';
import { teamFn } from '@/contracts';
import type { TeamScreen, WithTeamScreen } from '@/domain/order/screen.views';
import { JOIN_NOTE_MAX } from '@/domain/team/team.rules';
import type { TeamRelation } from '@/domain/team/team.views';
import { callCloud } from '@/services/cloud';
import './join-team.scss';

/**
 * What I can do about joining a team, under its facts: wait (申请中), or 申请加入 when I may join
 * (canJoinTeams) and have no relation to it yet; nothing otherwise.
 */
export function JoinAction({
  team,
  canJoin,
  view,
  onJoined,
}: {
  team: { teamId: string; name: string; myRelation: TeamRelation };
  canJoin: boolean;
  /** The screen the request answers as it is after it (one call, no reload). */
  view: TeamScreen;
  onJoined: (answer: WithTeamScreen) => void;
}) {
  if (team.myRelation === 'requested') return <Text className="join-team__waiting">已申请加入，等待队长处理</Text>;
  if (team.myRelation !== 'none' || !canJoin) return null;
  return <JoinTeam teamId={team.teamId} teamName={team.name} view={view} onJoined={onJoined} />;
}

/** 申请加入 with an optional note to the leader. */
function JoinTeam({
  teamId,
  teamName,
  view,
  onJoined,
}: {
  teamId: string;
  teamName: string;
  view: TeamScreen;
  onJoined: (answer: WithTeamScreen) => void;
}) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');

  if (!open) {
    return (
      <AsyncButton size="small" className="join-team__open" onClick={() => setOpen(true)}>
        申请加入
      </AsyncButton>
    );
  }

  const submit = async () => {
    const text = note.trim();
    const answer = await callCloud(teamFn, 'requestJoin', { teamId, ...(text ? { note: text } : {}), view });
    setOpen(false);
    setNote('');
    onJoined(answer);
  };

  return (
    <View className="join-team">
      <Text className="join-team__title">申请加入「{teamName}」</Text>
      <FieldInput placeholder="给队长留言（选填），如：周末有空" value={note} maxlength={JOIN_NOTE_MAX} onChange={setNote} />
      <Text className="join-team__hint">
        {[...note.trim()].length}/{JOIN_NOTE_MAX} 字，队长同意后你就是队员了
      </Text>
      <View className="join-team__actions">
        <AsyncButton size="small" type="default" onClick={() => setOpen(false)}>
          取消
        </AsyncButton>
        <AsyncButton size="small" successToast="已提交申请" onClick={submit}>
          提交申请
        </AsyncButton>
      </View>
    </View>
  );
}
