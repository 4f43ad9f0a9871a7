import { Text, View } from '@tarojs/components';
import './skill-chips.scss';

/** Skills as small read-only chips; nothing when there are none. */
export function SkillChips({ skills }: { skills: readonly string[] }) {
  if (skills.length === 0) return null;
  return (
    <View className="skill-chips">
      {skills.map((s) => (
        <Text key={s} className="skill-chip">
          {s}
        </Text>
      ))}
    </View>
  );
}
