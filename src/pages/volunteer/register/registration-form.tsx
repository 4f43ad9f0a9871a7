import { Picker, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FormField } from '@/components/form-field';
import { teamFn } from '@/contracts';
import type { CommunityChoice, MyVolunteerProfile } from '@/domain/team/team.views';
import { AVAILABILITY_MAX, REAL_NAME_MAX, WORK_UNIT_MAX } from '@/domain/team/volunteer.rules';
import { callCloud } from '@/services/cloud';
import { SkillPicker } from '../shared/skill-picker';
import { type RegistrationErrors, validateRegistration } from './form';

const SUBMIT_TEXT: Record<MyVolunteerProfile['status'], string> = {
  none: '提交注册',
  pending: '提交修改',
  rejected: '重新提交',
  approved: '保存',
};

/**
 * The registration form, prefilled with what I gave before (name and phone are stored masked, so
 * they are typed again: the server compares them with the sealed originals).
 */
export function RegistrationForm({
  current,
  communities,
  onSaved,
}: {
  current: MyVolunteerProfile;
  communities: readonly CommunityChoice[];
  onSaved: (next: MyVolunteerProfile) => void;
}) {
  const [realName, setRealName] = useState('');
  const [phone, setPhone] = useState('');
  const [skills, setSkills] = useState<string[]>(current.skills);
  const [availability, setAvailability] = useState(current.availability);
  const [birthDate, setBirthDate] = useState(current.birthDate ?? '');
  const [partyMember, setPartyMember] = useState(current.partyMember);
  const [workUnit, setWorkUnit] = useState(current.workUnit);
  const [partyReportIn, setPartyReportIn] = useState(current.partyReportIn);
  const [communityIndex, setCommunityIndex] = useState(() => communities.findIndex((c) => c.id === current.communityId) + 1);
  const [errors, setErrors] = useState<RegistrationErrors>({});
  const community = communityIndex > 0 ? communities[communityIndex - 1] : undefined;
  const approved = current.status === 'approved';

  const submit = async () => {
    const found = validateRegistration({ realName, phone, availability });
    setErrors(found);
    if (Object.keys(found).length > 0) {
      void Taro.showToast({ title: Object.values(found)[0] ?? '请检查填写内容', icon: 'none' });
      // The submit button sits below the fold of a long form: bring the first marked field into view.
      Taro.nextTick(() => void Taro.pageScrollTo({ selector: '.register .form-field--error', duration: 200 }).catch(() => undefined));
      return;
    }
    const next = await callCloud(teamFn, 'registerVolunteer', {
      realName: realName.trim(),
      phone: phone.trim(),
      skills,
      availability: availability.trim(),
      ...(birthDate ? { birthDate } : {}),
      partyMember,
      workUnit: workUnit.trim(),
      partyReportIn: partyMember && partyReportIn,
      ...(community ? { communityId: community.id } : {}),
    });
    void Taro.showToast({ title: next.status === 'pending' ? '已提交，等待审核' : '已保存', icon: 'success' });
    onSaved(next);
  };

  return (
    <View className="register__form">
      <FormField
        label="真实姓名"
        required
        error={errors.realName}
        hint={approved ? '请填写注册时的姓名，用于核对身份（不能修改）' : '请与身份证上的姓名一致'}
      >
        <FieldInput placeholder="请输入真实姓名" value={realName} maxlength={REAL_NAME_MAX + 5} onChange={setRealName} />
      </FormField>
      <FormField
        label="手机号"
        required
        error={errors.phone}
        hint={approved ? '请填写注册时的手机号（不能修改）' : '审核时工作人员会电话联系您'}
      >
        <FieldInput type="number" placeholder="11 位手机号" value={phone} maxlength={11} onChange={setPhone} />
      </FormField>
      <FormField label="服务技能">
        <SkillPicker value={skills} onChange={setSkills} />
      </FormField>
      <FormField label="可服务时间" error={errors.availability} hint={`${[...availability.trim()].length}/${AVAILABILITY_MAX} 字`}>
        <FieldInput
          placeholder="如：周末上午、工作日晚上"
          value={availability}
          maxlength={AVAILABILITY_MAX + 10}
          onChange={setAvailability}
        />
      </FormField>
      <FormField label="出生日期" hint="有年龄要求的活动按活动当天的周岁判断">
        <Picker
          mode="date"
          value={birthDate || '1980-01-01'}
          start="1920-01-01"
          end={`${new Date().getFullYear()}-12-31`}
          onChange={(e) => setBirthDate(e.detail.value)}
        >
          <View className="form-field__picker">{birthDate || <Text className="form-field__placeholder">选择出生日期</Text>}</View>
        </Picker>
      </FormField>
      <FormField label="中共党员" inline hint="含预备党员；「仅限党员」的活动需要">
        <Switch checked={partyMember} onChange={(e) => setPartyMember(e.detail.value)} />
      </FormField>
      <FormField label="工作单位" hint="可选；在职党员到社区报到（双报到）时填写">
        <FieldInput placeholder="如：区卫健委" value={workUnit} maxlength={WORK_UNIT_MAX} onChange={setWorkUnit} />
      </FormField>
      {partyMember ? (
        <FormField label="在职党员到本社区报到" inline hint="报到后，社区按单位统计您参加活动的时长">
          <Switch checked={partyReportIn} onChange={(e) => setPartyReportIn(e.detail.value)} />
        </FormField>
      ) : null}
      <FormField label="所在社区" hint="不指定时，按您绑定的楼栋所在社区审核；没有绑定楼栋则由街道实践所审核">
        <Picker
          mode="selector"
          range={['不指定', ...communities.map((c) => c.name)]}
          value={communityIndex}
          onChange={(e) => setCommunityIndex(Number(e.detail.value))}
        >
          <View className="form-field__picker">{community ? community.name : <Text className="form-field__placeholder">不指定</Text>}</View>
        </Picker>
      </FormField>
      <AsyncButton className="register__submit" onClick={submit}>
        {SUBMIT_TEXT[current.status]}
      </AsyncButton>
    </View>
  );
}
