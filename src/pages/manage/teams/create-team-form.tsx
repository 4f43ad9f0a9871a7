import { Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { FormField } from '@/components/form-field';
import { LoadPlaceholder } from '@/components/state-view';
import { teamFn } from '@/contracts';
import type { ManageTeamsView } from '@/domain/order/screen.views';
import type { OrgTreeNode } from '@/domain/org/org.views';
import { newRequestId } from '@/domain/shared/request-id';
import { TEAM_INTRO_MAX, TEAM_NAME_MAX, TEAM_NAME_MIN, TEAM_SERVICE_AREA_MAX, TEAM_SKILLS_MAX } from '@/domain/team/team.rules';
import type { LeaderCandidate } from '@/domain/team/team.views';
import { normaliseSkills } from '@/domain/team/volunteer.rules';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { CloudCallError, callCloud } from '@/services/cloud';
import { OrgPicker } from '../shared/org-picker';
import { LeaderPicker } from './leader-picker';

/** One call: the leaders to choose from and the 社区 / 小区 to serve. */
const fetchSetup = () => callCloud(teamFn, 'createTeamSetup');

/** Skills as typed: separated by 、，, or spaces. */
const splitSkills = (text: string) => normaliseSkills(text.split(/[、，,;；\s]+/));

/** A labelled one-line text input of the form. */
function TextField(props: {
  label: string;
  required?: boolean;
  error?: string;
  hint?: string;
  placeholder: string;
  max?: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <FormField label={props.label} required={props.required} error={props.error} hint={props.hint}>
      <Input
        className="form-field__input"
        placeholder={props.placeholder}
        placeholderClass="form-field__placeholder"
        maxlength={props.max ?? 140}
        value={props.value}
        onInput={(e) => props.onChange(e.detail.value)}
      />
    </FormField>
  );
}

interface Errors {
  name?: string;
  leader?: string;
  skills?: string;
  area?: string;
}

/** 新建队伍 (institute): name, intro, a leader among approved volunteers, skills, the 社区 / 小区 it serves. */
export function CreateTeamForm({ onCreated }: { onCreated: (name: string, view: ManageTeamsView) => void }) {
  const { state, reload } = useCloudLoad(fetchSetup, []);
  const [name, setName] = useState('');
  const [intro, setIntro] = useState('');
  const [leader, setLeader] = useState<LeaderCandidate | null>(null);
  const [skills, setSkills] = useState('');
  const [area, setArea] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Errors>({});
  // One per team being created: a 创建 retried after a timeout answers the team already made.
  const requestId = useRef(newRequestId());

  if (state.status !== 'ready') return <LoadPlaceholder state={state} onRetry={() => void reload()} />;

  const toggleArea = (n: OrgTreeNode) => {
    setArea((prev) => {
      const next = new Set(prev);
      if (next.has(n._id)) next.delete(n._id);
      else next.add(n._id);
      return next;
    });
    setErrors((e) => ({ ...e, area: undefined }));
  };
  const submit = async () => {
    const next: Errors = {};
    const trimmed = name.trim();
    if (trimmed.length < TEAM_NAME_MIN) next.name = `队名至少 ${TEAM_NAME_MIN} 个字`;
    if (!leader) next.leader = '请选择队长';
    if (splitSkills(skills).length > TEAM_SKILLS_MAX) next.skills = `最多 ${TEAM_SKILLS_MAX} 项技能`;
    if (area.size === 0) next.area = '请选择服务区域';
    else if (area.size > TEAM_SERVICE_AREA_MAX) next.area = `服务区域最多 ${TEAM_SERVICE_AREA_MAX} 个`;
    setErrors(next);
    if (Object.keys(next).length > 0 || !leader) throw new CloudCallError('INPUT', '请检查标红的内容');
    const created = await callCloud(teamFn, 'createTeam', {
      name: trimmed,
      intro: intro.trim(),
      leaderOpenid: leader.openid,
      skills: splitSkills(skills),
      serviceArea: [...area],
      requestId: requestId.current,
      view: 'manageTeams',
    });
    requestId.current = newRequestId();
    if (created.manageTeams) onCreated(trimmed, created.manageTeams);
  };

  return (
    <View className="mteams__form">
      <TextField
        label="队名"
        required
        error={errors.name}
        placeholder="例如：银龄之声"
        max={TEAM_NAME_MAX}
        value={name}
        onChange={setName}
      />
      <TextField label="简介" placeholder="一句话介绍队伍" max={TEAM_INTRO_MAX} value={intro} onChange={setIntro} />
      <FormField label="队长" required error={errors.leader} hint="从已通过审核的志愿者中选择">
        <LeaderPicker
          candidates={state.data.candidates}
          picked={leader}
          onPick={(c) => {
            setLeader(c);
            setErrors((e) => ({ ...e, leader: undefined }));
          }}
        />
      </FormField>
      <TextField
        label="技能"
        error={errors.skills}
        hint="用顿号或空格分隔，派单时按技能推荐"
        placeholder="例如：助餐送餐、陪伴聊天"
        value={skills}
        onChange={setSkills}
      />
      <FormField label="服务区域" required error={errors.area} hint={area.size > 0 ? `已选 ${area.size} 个` : '选择社区或小区'}>
        <View className="mteams__area">
          <OrgPicker roots={state.data.roots} kinds={['community', 'estate']} picked={area} onToggle={toggleArea} />
        </View>
      </FormField>
      <AsyncButton className="mteams__submit" onClick={submit}>
        新建队伍
      </AsyncButton>
      <Text className="muted mteams__note">队长会同时成为本队队员，并在「我的」看到接单台</Text>
    </View>
  );
}
