import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AsyncButton } from '@/components/async-button';
import { formatDateTime } from '@/components/timeline';
import type { MyVolunteerProfile } from '@/domain/team/team.views';
import type { VolunteerStatus } from '@/domain/team/volunteer.rules';
import { Badge } from '../shared/badge';
import { STATUS_BADGE } from '../shared/labels';
import { TEAMS_PAGE } from '../shared/links';
import { SkillChips } from '../shared/skill-chips';

const EXPLAIN: Record<VolunteerStatus, string> = {
  pending: '社区实践站工作人员会核对您的信息，审核通过后就可以申请加入志愿服务队。',
  approved: '您已是注册志愿者，可以申请加入志愿服务队。',
  rejected: '您的注册未通过审核，可以按说明修改后重新提交。',
};

/** My registration as it stands: state (待审核 / 已通过 / 未通过 with the staff's note) and what I gave. */
export function StatusCard({
  volunteer,
  communityName,
}: {
  volunteer: MyVolunteerProfile & { status: VolunteerStatus };
  communityName: string;
}) {
  const badge = STATUS_BADGE[volunteer.status];
  return (
    <View className="card register__status">
      <View className="register__status-head">
        <Text className="register__status-title">我的志愿者注册</Text>
        <Badge tone={badge.tone}>{badge.label}</Badge>
      </View>
      {volunteer.status === 'rejected' && volunteer.decisionNote ? (
        <Text className="register__note">未通过原因：{volunteer.decisionNote}</Text>
      ) : null}
      <Text className="register__explain">{EXPLAIN[volunteer.status]}</Text>
      <View className="register__facts">
        <Text className="register__fact">
          姓名：{volunteer.realNameMasked} · 手机：{volunteer.phoneMasked}
        </Text>
        <Text className="register__fact">所在社区：{communityName || '未指定'}</Text>
        <Text className="register__fact">服务时间：{volunteer.availability || '未填写'}</Text>
        {volunteer.updatedAt ? <Text className="register__fact">提交时间：{formatDateTime(volunteer.updatedAt)}</Text> : null}
      </View>
      <SkillChips skills={volunteer.skills} />
      {volunteer.status === 'approved' ? (
        <AsyncButton className="register__go" onClick={() => Taro.navigateTo({ url: TEAMS_PAGE })}>
          去加入志愿服务队
        </AsyncButton>
      ) : null}
    </View>
  );
}
