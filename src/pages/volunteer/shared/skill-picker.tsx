import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { SKILL_MAX_CHARS, SKILLS_MAX } from '@/domain/team/volunteer.rules';
import { COMMON_SKILLS, skillProblem } from './skills';
import './skill-chips.scss';

export interface SkillPickerProps {
  value: readonly string[];
  onChange: (skills: string[]) => void;
}

/**
 * Pick skills: tap a common one to toggle it, or type your own and 添加. Chosen ones of your own
 * show as red chips with ×. The limits are the server's (SKILLS_MAX items, SKILL_MAX_CHARS each).
 */
export function SkillPicker({ value, onChange }: SkillPickerProps) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState('');
  const own = value.filter((s) => !COMMON_SKILLS.includes(s));

  const toggle = (skill: string) => {
    if (value.includes(skill)) {
      setProblem('');
      onChange(value.filter((s) => s !== skill));
      return;
    }
    const why = skillProblem(value, skill);
    setProblem(why ?? '');
    if (!why) onChange([...value, skill]);
  };

  const add = () => {
    const why = skillProblem(value, draft);
    setProblem(why ?? '');
    if (why) return;
    onChange([...value, draft.trim()]);
    setDraft('');
  };

  return (
    <View className="skill-picker">
      <View className="skill-chips">
        {COMMON_SKILLS.map((s) => (
          <Text key={s} className={`skill-chip skill-chip--pick${value.includes(s) ? ' skill-chip--on' : ''}`} onClick={() => toggle(s)}>
            {s}
          </Text>
        ))}
        {own.map((s) => (
          <Text key={s} className="skill-chip skill-chip--pick skill-chip--on" onClick={() => toggle(s)}>
            {s} ×
          </Text>
        ))}
      </View>
      <View className="skill-picker__add">
        <Input
          className="form-field__input skill-picker__input"
          placeholder="其他技能，自己填写"
          placeholderClass="form-field__placeholder"
          value={draft}
          maxlength={SKILL_MAX_CHARS + 10}
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={add}
        />
        <Button className="skill-picker__button" onClick={add}>
          添加
        </Button>
      </View>
      <Text className={problem ? 'skill-picker__problem' : 'skill-picker__count'}>
        {problem || `已选 ${value.length}/${SKILLS_MAX} 项，每项不超过 ${SKILL_MAX_CHARS} 个字`}
      </Text>
    </View>
  );
}
