import { Text, View } from '@tarojs/components';
import './choice-chips.scss';

export interface Choice<K extends string> {
  key: K;
  label: string;
}

/** One choice among a few, as a row of chips (the role to invite). */
export function ChoiceChips<K extends string>({
  choices,
  active,
  onChange,
}: {
  choices: readonly Choice<K>[];
  active: K | null;
  onChange: (key: K) => void;
}) {
  return (
    <View className="chips">
      {choices.map((c) => (
        <Text key={c.key} className={`chips__chip${c.key === active ? ' chips__chip--on' : ''}`} onClick={() => onChange(c.key)}>
          {c.label}
        </Text>
      ))}
    </View>
  );
}
