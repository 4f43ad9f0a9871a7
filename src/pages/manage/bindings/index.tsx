import { identityFn } from '@/contracts';
import { BINDING_NOTE_MAX } from '@/domain/identity/binding.rules';
import type { BindingRequest } from '@/domain/identity/identity.views';
import { callCloud } from '@/services/cloud';
import { DecisionCard, Fact } from '../shared/decision-card';
import { PendingList } from '../shared/pending-list';

const fetchRequests = () => callCloud(identityFn, 'listBindingRequests');

/** 住户绑定审核 (building head, staff): pending binding requests of their buildings; 确认 / 拒绝 with a reason. */
export default function BindingRequestsPage() {
  return (
    <PendingList<BindingRequest>
      fetch={fetchRequests}
      title="待确认"
      emptyText="没有待确认的绑定申请"
      keyOf={(r) => r.openid}
      renderItem={(r, decided) => (
        <DecisionCard
          who={r.displayName || '居民'}
          at={r.requestedAt}
          approveText="确认"
          rejectText="拒绝"
          rejectConfirm={`拒绝 ${r.displayName || '居民'} 绑定 ${r.buildingName}？`}
          notePlaceholder="拒绝原因（拒绝时必填，住户会看到）"
          noteRequiredToReject="请填写拒绝原因"
          noteMax={BINDING_NOTE_MAX}
          onDecide={async (approve, note) => {
            await callCloud(identityFn, 'decideBinding', { openid: r.openid, approve, ...(note ? { note } : {}) });
            await decided(approve ? '已确认' : '已拒绝');
          }}
        >
          <Fact label="楼栋">{r.buildingName}</Fact>
          <Fact label="房号">{r.room}</Fact>
          {r.phone ? <Fact label="手机号">{r.phone}</Fact> : null}
        </DecisionCard>
      )}
    />
  );
}
