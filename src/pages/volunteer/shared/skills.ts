import { SKILL_MAX_CHARS, SKILLS_MAX } from '@/domain/team/volunteer.rules';

/** What volunteers most often offer here (the teams' and the service menu's skills): one tap each. */
export const COMMON_SKILLS: readonly string[] = [
  '助餐送餐',
  '陪伴聊天',
  '代购代办',
  '水电维修',
  '家电维修',
  '健康监测',
  '义诊',
  '心理疏导',
  '法律咨询',
  '政策讲解',
  '智能手机教学',
  '课业辅导',
  '文艺演出',
  '环境清洁',
  '垃圾分类',
  '文明劝导',
  '巡逻防控',
  '矛盾调解',
];

/** Why `skill` cannot be added to `chosen` (the server's own limits), or null when it can. */
export function skillProblem(chosen: readonly string[], skill: string): string | null {
  const s = skill.trim();
  if (!s) return '请先输入技能名称';
  if ([...s].length > SKILL_MAX_CHARS) return `每项技能最多 ${SKILL_MAX_CHARS} 个字`;
  if (chosen.includes(s)) return `已经选了「${s}」`;
  if (chosen.length >= SKILLS_MAX) return `最多填写 ${SKILLS_MAX} 项技能`;
  return null;
}
