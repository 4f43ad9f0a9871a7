import { Text } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { teamFn } from '@/contracts';
import type { TeamsView } from '@/domain/order/screen.views';
import type { TeamSummary } from '@/domain/team/team.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { RegisterNotice } from '../shared/register-notice';
import { TeamCard } from './team-card';
import './index.scss';

const isMine = (t: TeamSummary) => t.myRelation === 'leader' || t.myRelation === 'member';

/** 志愿服务队: 我的队伍 on top, then every other team with 申请加入 (approved volunteers only). */
export default function TeamsPage() {
  // One call: every team and my registration.
  const { state, setState, reload } = useCloudLoad<TeamsView>(() => callCloud(teamFn, 'teams'), []);
  // Back from a team's page (joined, left, handed over): show the relations as they are now.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload(true);
    shown.current = true;
  });

  if (state.status !== 'ready') {
    return (
      <AppPage className="teams">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }

  const { teams, volunteer } = state.data;
  const mine = teams.filter(isMine);
  const others = teams.filter((t) => !isMine(t));
  const card = (t: TeamSummary) => (
    <TeamCard
      key={t.teamId}
      team={t}
      canJoin={volunteer.canJoinTeams}
      onJoined={(a) => (a.teams ? setState({ status: 'ready', data: a.teams }) : void reload(true))}
    />
  );

  return (
    <AppPage className="teams">
      <Text className="section-title teams__title">我的队伍</Text>
      {mine.length > 0 ? mine.map(card) : <StateView empty emptyText="还没有加入志愿服务队" />}
      <RegisterNotice volunteer={volunteer} />
      <Text className="section-title teams__title">{mine.length > 0 ? '其他队伍' : '全部队伍'}</Text>
      {others.length > 0 ? others.map(card) : <StateView empty emptyText="暂无可加入的志愿服务队" />}
    </AppPage>
  );
}
