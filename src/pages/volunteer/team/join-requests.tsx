import { Text, View } from '@tarojs/components';
import { AsyncButton } from '@/components/async-button';
import { StateView } from '@/components/state-view';
import { formatDateTime } from '@/components/timeline';
import { teamFn } from '@/contracts';
import type { WithTeamScreen } from '@/domain/order/screen.views';
import type { JoinRequestRow } from '@/domain/team/team.views';
import { callCloud } from '@/services/cloud';
import { SkillChips } from '../shared/skill-chips';

/** 入队申请 for those who manage the team: who asks, what they offer, 同意 / 拒绝 (asks first). */
export function JoinRequests({
  requests,
  onDecided,
  onFailed,
}: {
  requests: readonly JoinRequestRow[];
  /** The team page as it is after the decision (`view: 'teamPage'`). */
  onDecided: (answer: WithTeamScreen) => void;
  /** Reads the page again after a refusal (someone may have decided first). */
  onFailed: () => void;
}) {
  const decide = (r: JoinRequestRow, approve: boolean) =>
    callCloud(teamFn, 'decideJoin', { requestId: r.requestId, approve, view: 'teamPage' }).then(onDecided, (err: unknown) => {
      onFailed();
      throw err;
    });
  return (
    <View className="card team__section">
      <Text className="section-title team__title">入队申请{requests.length > 0 ? `（${requests.length}）` : ''}</Text>
      {requests.length === 0 ? <StateView empty emptyText="暂无待处理的入队申请" /> : null}
      {requests.map((r) => (
        <View key={r.requestId} className="team__request">
          <Text className="team__request-who">
            {r.displayName}
            {r.phoneMasked ? ` · ${r.phoneMasked}` : ''}
          </Text>
          <SkillChips skills={r.skills} />
          {r.availability ? <Text className="team__request-meta">可服务时间：{r.availability}</Text> : null}
          {r.note ? <Text className="team__request-note">留言：{r.note}</Text> : null}
          <Text className="team__request-meta">申请时间：{formatDateTime(r.requestedAt)}</Text>
          <View className="team__actions">
            <AsyncButton
              size="small"
              type="warn"
              confirm={{ title: '拒绝入队申请', content: `确定拒绝 ${r.displayName} 加入本队吗？`, confirmText: '拒绝' }}
              successToast="已拒绝"
              onClick={() => decide(r, false)}
            >
              拒绝
            </AsyncButton>
            <AsyncButton size="small" successToast="已同意" onClick={() => decide(r, true)}>
              同意
            </AsyncButton>
          </View>
        </View>
      ))}
    </View>
  );
}
