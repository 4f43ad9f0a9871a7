import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { teamFn } from '@/contracts';
import type { TeamPageView, WithTeamScreen } from '@/domain/order/screen.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { Badge } from '../shared/badge';
import { JoinAction } from '../shared/join-team';
import { RELATION_BADGE } from '../shared/labels';
import { RegisterNotice } from '../shared/register-notice';
import { TeamFacts } from '../shared/team-facts';
import { JoinRequests } from './join-requests';
import { LeaveTeam } from './leave-team';
import { Members } from './members';
import './index.scss';

type Loaded = TeamPageView;

/** One call: the team, its join requests (for those who manage it), my registration (when not in it). */
const loadTeam = (teamId: string): Promise<Loaded> => callCloud(teamFn, 'teamPage', { teamId });

/** 队伍详情 (`?id=<teamId>`): the team and its members; 入队申请 and 移交队长 for its leader; 退出队伍 for members. */
export default function TeamPage() {
  const teamId = useRouter().params.id ?? '';
  const { state, setState, reload } = useCloudLoad<Loaded>(() => loadTeam(teamId), [teamId]);
  const refresh = () => void reload(true);
  /** Shows the team page an action answered (`view: 'teamPage'`): one call, no reload. */
  const show = (answer: WithTeamScreen) => (answer.teamPage ? setState({ status: 'ready', data: answer.teamPage }) : refresh());

  if (!teamId) {
    return (
      <AppPage className="team">
        <StateView error="没有指定队伍，请从志愿服务队列表进入" />
      </AppPage>
    );
  }
  if (state.status !== 'ready') {
    return (
      <AppPage className="team">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }

  const { team, requests, volunteer } = state.data;
  const relation = team.myRelation === 'none' ? null : RELATION_BADGE[team.myRelation];
  const inTeam = team.myRelation === 'leader' || team.myRelation === 'member';

  return (
    <AppPage className="team">
      <View className="card team__head">
        <View className="team__head-row">
          <Text className="team__name">{team.name}</Text>
          {relation ? <Badge tone={relation.tone}>{relation.label}</Badge> : null}
        </View>
        <TeamFacts
          intro={team.intro}
          skills={team.skills}
          serviceArea={team.serviceArea}
          leaderName={team.leader.displayName}
          memberCount={team.memberCount}
          rating={team.rating}
        />
        <JoinAction team={team} canJoin={volunteer?.canJoinTeams === true} view="teamPage" onJoined={show} />
      </View>
      {volunteer ? <RegisterNotice volunteer={volunteer} /> : null}
      {requests ? <JoinRequests requests={requests} onDecided={show} onFailed={refresh} /> : null}
      <Members team={team} onChanged={show} />
      {inTeam ? <LeaveTeam team={team} onLeft={show} /> : null}
    </AppPage>
  );
}
