import { Text, View } from '@tarojs/components';
import { AsyncButton } from '@/components/async-button';
import type { MyVolunteerProfile } from '@/domain/team/team.views';
import { openRegister } from './links';
import './register-notice.scss';

/** Why I cannot ask to join a team yet, with the way to 志愿者注册; nothing when I can. */
export function RegisterNotice({ volunteer }: { volunteer: MyVolunteerProfile }) {
  if (volunteer.canJoinTeams) return null;
  const [title, text, action] =
    volunteer.status === 'pending'
      ? ['志愿者注册审核中', '社区实践站审核通过后，就可以申请加入志愿服务队。', '查看注册状态']
      : volunteer.status === 'rejected'
        ? [
            '志愿者注册未通过',
            `${volunteer.decisionNote ? `原因：${volunteer.decisionNote}。` : ''}修改后可以重新提交，通过后再申请加入队伍。`,
            '修改注册信息',
          ]
        : ['先注册成为志愿者', '申请加入志愿服务队前，请先完成志愿者实名注册，社区实践站审核通过后即可申请。', '去注册'];
  return (
    <View className="card register-notice">
      <Text className="register-notice__title">{title}</Text>
      <Text className="register-notice__text">{text}</Text>
      <AsyncButton className="register-notice__button" onClick={openRegister}>
        {action}
      </AsyncButton>
    </View>
  );
}
