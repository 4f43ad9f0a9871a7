import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder } from '@/components/state-view';
import { teamFn } from '@/contracts';
import type { CommunityChoice, MyVolunteerProfile } from '@/domain/team/team.views';
import type { VolunteerStatus } from '@/domain/team/volunteer.rules';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { RegistrationForm } from './registration-form';
import { StatusCard } from './status-card';
import './index.scss';

interface Loaded {
  volunteer: MyVolunteerProfile;
  communities: CommunityChoice[];
}

const FORM_TITLE: Record<MyVolunteerProfile['status'], string> = {
  none: '填写注册信息',
  pending: '修改申请',
  rejected: '修改后重新提交',
  approved: '更新技能和服务时间',
};

const hasProfile = (v: MyVolunteerProfile): v is MyVolunteerProfile & { status: VolunteerStatus } => v.status !== 'none';

/** 志愿者注册: real-name registration, and its state (待审核 / 已通过 / 未通过) whenever one exists. */
export default function RegisterPage() {
  // One call: my registration and the communities to choose from.
  const { state, setState, reload } = useCloudLoad<Loaded>(() => callCloud(teamFn, 'registration'), []);
  // A pending or approved registration shows its state first; the form opens on request.
  const [editing, setEditing] = useState(false);

  if (state.status !== 'ready') {
    return (
      <AppPage className="register">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }

  const { volunteer, communities } = state.data;
  const communityName = communities.find((c) => c.id === volunteer.communityId)?.name ?? '';
  const formOpen = editing || volunteer.status === 'none' || volunteer.status === 'rejected';
  const saved = (next: MyVolunteerProfile) => {
    setState({ status: 'ready', data: { communities, volunteer: next } });
    setEditing(false);
  };

  return (
    <AppPage className="register">
      {hasProfile(volunteer) ? (
        <StatusCard volunteer={volunteer} communityName={communityName} />
      ) : (
        <View className="card">
          <Text className="register__intro">
            实名注册后，经社区实践站审核通过，就可以申请加入志愿服务队、参加志愿服务，服务时长和积分都会记录下来。
          </Text>
        </View>
      )}
      {formOpen ? (
        <View className="card">
          <View className="register__form-head">
            <Text className="section-title register__title">{FORM_TITLE[volunteer.status]}</Text>
            {editing ? (
              <Text className="register__cancel" onClick={() => setEditing(false)}>
                收起
              </Text>
            ) : null}
          </View>
          {volunteer.status === 'pending' ? <Text className="register__warn">修改后将重新进入审核。</Text> : null}
          <RegistrationForm key={volunteer.updatedAt ?? 0} current={volunteer} communities={communities} onSaved={saved} />
        </View>
      ) : (
        <AsyncButton type="default" onClick={() => setEditing(true)}>
          {FORM_TITLE[volunteer.status]}
        </AsyncButton>
      )}
    </AppPage>
  );
}
