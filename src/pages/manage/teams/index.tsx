import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { teamFn } from '@/contracts';
import type { TeamSummary } from '@/domain/team/team.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { CreateTeamForm } from './create-team-form';
import './index.scss';

/** One call: every team and whether the caller may create one. */
const fetchTeams = () => callCloud(teamFn, 'manageTeams');

function TeamCard({ team }: { team: TeamSummary }) {
  const area = (team.serviceArea ?? []).map((a) => a.name).filter(Boolean);
  return (
    <View className="card mteams__team">
      <View className="mteams__head">
        <Text className="mteams__name">{team.name}</Text>
        <Text className="mteams__rating">{team.rating > 0 ? `★ ${team.rating.toFixed(1)}` : '暂无评分'}</Text>
      </View>
      {team.intro ? <Text className="mteams__intro">{team.intro}</Text> : null}
      <Text className="mteams__meta">
        {team.leaderName ? `队长 ${team.leaderName} · ` : ''}
        {team.memberCount} 人{area.length > 0 ? ` · ${area.join('、')}` : ''}
      </Text>
      {team.skills.length > 0 ? (
        <View className="mteams__skills">
          {team.skills.map((s) => (
            <Text key={s} className="mteams__skill">
              {s}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** 队伍管理: every team; the institute (实践所) also creates new ones. */
export default function TeamsPage() {
  const { state, setState, reload } = useCloudLoad(fetchTeams, []);
  const [creating, setCreating] = useState(false);
  if (state.status !== 'ready') {
    return (
      <AppPage className="mteams">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const { canCreate, teams } = state.data;
  return (
    <AppPage className="mteams">
      {canCreate ? (
        <View className="card">
          <View className="mteams__create-head" onClick={() => setCreating(!creating)}>
            <Text className="mteams__create-title">新建队伍</Text>
            <Text className="mteams__create-toggle">{creating ? '收起' : '展开'}</Text>
          </View>
          {creating ? (
            <CreateTeamForm
              onCreated={(name, view) => {
                setCreating(false);
                // 新建队伍 answered the list as it is now: shown without reading it again.
                setState({ status: 'ready', data: view });
                void Taro.showToast({ title: `已新建「${name}」`, icon: 'none' });
              }}
            />
          ) : null}
        </View>
      ) : null}
      <Text className="section-title mteams__title">全部队伍（{teams.length}）</Text>
      {teams.length === 0 ? <StateView empty emptyText="还没有志愿服务队" /> : null}
      {teams.map((t) => (
        <TeamCard key={t.teamId} team={t} />
      ))}
    </AppPage>
  );
}
