import { Text, View } from '@tarojs/components';
import type { AreaName } from '@/domain/team/team.views';
import { areaText, ratingText } from './labels';
import { SkillChips } from './skill-chips';
import './team-facts.scss';

export interface TeamFactsProps {
  intro: string;
  skills: readonly string[];
  serviceArea: readonly AreaName[];
  leaderName: string;
  memberCount: number;
  rating: number;
}

/** What a team is: intro, skills, where it serves, who leads it, how many serve, its rating. */
export function TeamFacts({ intro, skills, serviceArea, leaderName, memberCount, rating }: TeamFactsProps) {
  return (
    <View className="team-facts">
      {intro ? <Text className="team-facts__intro">{intro}</Text> : null}
      <SkillChips skills={skills} />
      <View className="team-facts__rows">
        <Text className="team-facts__row">服务区域：{areaText(serviceArea)}</Text>
        <Text className="team-facts__row">
          队长：{leaderName} · 共 {memberCount} 人 · {ratingText(rating)}
        </Text>
      </View>
    </View>
  );
}
