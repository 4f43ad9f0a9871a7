import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { teamFn } from '@/contracts';
import type { WithTeamScreen } from '@/domain/order/screen.views';
import type { TeamDetail } from '@/domain/team/team.views';
import { callCloud } from '@/services/cloud';
import { Badge } from '../shared/badge';

/**
 * 成员 (names masked as the server gives them). Those who manage the team may 移交队长: pick a
 * member, confirm; the list reloads with the new leader.
 */
export function Members({ team, onChanged }: { team: TeamDetail; onChanged: (answer: WithTeamScreen) => void }) {
  const [handing, setHanding] = useState(false);
  const candidates = team.members.filter((m) => !m.isLeader && m.openid);
  const handTo = (toOpenid: string) =>
    callCloud(teamFn, 'transferLeadership', { teamId: team.teamId, toOpenid, view: 'teamPage' }).then((answer) => {
      setHanding(false);
      onChanged(answer);
    });

  return (
    <View className="card team__section">
      <View className="team__section-head">
        <Text className="section-title team__title">成员（{team.memberCount}）</Text>
        {team.canManage && candidates.length > 0 ? (
          <Text className="team__link" onClick={() => setHanding(!handing)}>
            {handing ? '取消移交' : '移交队长'}
          </Text>
        ) : null}
      </View>
      {handing ? <Text className="team__hint">请选择新队长：移交后你将成为普通队员。</Text> : null}
      {team.members.map((m, i) => {
        const to = handing && !m.isLeader ? m.openid : undefined;
        return (
          <View key={m.openid ?? `${i}`} className="team__member">
            <Text className="team__member-name">{m.displayName}</Text>
            <Badge tone={m.isLeader ? 'lead' : 'plain'}>{m.isLeader ? '队长' : '队员'}</Badge>
            {to ? (
              <AsyncButton
                size="small"
                type="warn"
                className="team__member-action"
                confirm={{
                  title: '移交队长',
                  content: `确定把队长移交给 ${m.displayName} 吗？移交后你将成为普通队员。`,
                  confirmText: '移交',
                }}
                successToast="已移交"
                onClick={() => handTo(to)}
              >
                移交给TA
              </AsyncButton>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}
