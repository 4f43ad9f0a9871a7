import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { teamFn } from '@/contracts';
import type { WithTeamScreen } from '@/domain/order/screen.views';
import type { TeamDetail } from '@/domain/team/team.views';
import { callCloud, errorMessage } from '@/services/cloud';

/** 退出队伍 (asks first); when the server refuses (a leader must hand over first) the reason stays on screen. */
export function LeaveTeam({ team, onLeft }: { team: TeamDetail; onLeft: (answer: WithTeamScreen) => void }) {
  const [refused, setRefused] = useState('');
  const leader = team.myRelation === 'leader';
  const leave = async () => {
    setRefused('');
    onLeft(await callCloud(teamFn, 'leaveTeam', { teamId: team.teamId, view: 'teamPage' }));
  };
  return (
    <View className="card team__section">
      <Text className="team__hint">
        {leader ? '你是本队队长：退出前需要先把队长移交给其他队员。' : '退出后不再接收本队的服务任务，可以再次申请加入。'}
      </Text>
      {refused ? <Text className="team__refused">{refused}</Text> : null}
      <AsyncButton
        type="warn"
        confirm={{ title: '退出队伍', content: `确定退出「${team.name}」吗？`, confirmText: '退出' }}
        successToast="已退出队伍"
        onError={(err) => setRefused(errorMessage(err))}
        onClick={leave}
      >
        退出队伍
      </AsyncButton>
    </View>
  );
}
