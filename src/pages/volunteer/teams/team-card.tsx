import { Text, View } from '@tarojs/components';
import type { WithTeamScreen } from '@/domain/order/screen.views';
import type { TeamSummary } from '@/domain/team/team.views';
import { Badge } from '../shared/badge';
import { JoinAction } from '../shared/join-team';
import { RELATION_BADGE } from '../shared/labels';
import { openTeam } from '../shared/links';
import { TeamFacts } from '../shared/team-facts';

/** One team in the list: tap for its page; 申请加入 when I may and have no relation to it yet. */
export function TeamCard({
  team,
  canJoin,
  onJoined,
}: {
  team: TeamSummary;
  canJoin: boolean;
  /** The list as it is after the request (`view: 'teams'`). */
  onJoined: (answer: WithTeamScreen) => void;
}) {
  const relation = team.myRelation === 'none' ? null : RELATION_BADGE[team.myRelation];
  return (
    <View className="card teams__card">
      <View className="teams__card-main" hoverClass="teams__card-main--active" onClick={() => openTeam(team.teamId)}>
        <View className="teams__card-head">
          <Text className="teams__name">{team.name}</Text>
          {relation ? <Badge tone={relation.tone}>{relation.label}</Badge> : null}
          <Text className="teams__arrow">›</Text>
        </View>
        <TeamFacts
          intro={team.intro}
          skills={team.skills}
          serviceArea={team.serviceArea}
          leaderName={team.leaderName}
          memberCount={team.memberCount}
          rating={team.rating}
        />
      </View>
      <JoinAction team={team} canJoin={canJoin} view="teams" onJoined={onJoined} />
    </View>
  );
}
