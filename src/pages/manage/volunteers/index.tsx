import { teamFn } from '@/contracts';
import { maskName } from '@/domain/identity/pii-masking';
import type { VolunteerApplication } from '@/domain/team/team.views';
import { DECISION_NOTE_MAX } from '@/domain/team/volunteer.rules';
import { callCloud } from '@/services/cloud';
import { DecisionCard, Fact } from '../shared/decision-card';
import { PendingList } from '../shared/pending-list';

const fetchApplications = () => callCloud(teamFn, 'listVolunteerApplications');

/** 志愿者审核 (staff): pending real-name registrations of their area (masked name); 通过 / 不通过 with a note. */
export default function VolunteerApprovalsPage() {
  return (
    <PendingList<VolunteerApplication>
      fetch={fetchApplications}
      title="待审核"
      emptyText="没有待审核的志愿者注册"
      keyOf={(a) => a.openid}
      renderItem={(a, decided) => (
        <DecisionCard
          who={maskName(a.realName)}
          at={a.appliedAt}
          approveText="通过"
          rejectText="不通过"
          approveConfirm={`通过 ${maskName(a.realName)} 的志愿者注册？`}
          rejectConfirm={`不通过 ${maskName(a.realName)} 的注册？`}
          notePlaceholder="说明（不通过时必填，申请人会看到）"
          noteRequiredToReject="请填写不通过的原因"
          noteMax={DECISION_NOTE_MAX}
          onDecide={async (approve, note) => {
            await callCloud(teamFn, 'decideVolunteer', { openid: a.openid, approve, ...(note ? { note } : {}) });
            await decided(approve ? '已通过' : '已标记不通过');
          }}
        >
          <Fact label="手机号">{a.phone}</Fact>
          {a.communityName ? <Fact label="社区">{a.communityName}</Fact> : null}
          <Fact label="技能">{a.skills.length > 0 ? a.skills.join('、') : '未填写'}</Fact>
          <Fact label="服务时间">{a.availability || '未填写'}</Fact>
        </DecisionCard>
      )}
    />
  );
}
