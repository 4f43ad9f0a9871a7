import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { identityFn } from '@/contracts';
import { BINDING_BATCH_MAX, BINDING_NOTE_MAX } from '@/domain/identity/binding.rules';
import type { BindingBatchResult, BindingRequest } from '@/domain/identity/identity.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import { DecisionCard, Fact } from '../shared/decision-card';
import './index.scss';

const fetchRequests = () => callCloud(identityFn, 'listBindingRequests');

/** 社区 · 小区 · 楼栋 · 房号: where the resident says they live, whole. */
const placeOf = (r: BindingRequest) => [r.communityName, r.estateName, r.buildingName, r.room].filter(Boolean).join(' · ');

/**
 * 住户绑定审核 (building head, staff): pending binding requests of their buildings, oldest first;
 * 确认 / 拒绝 (with a reason) one by one, or pick several and 批量通过 in one call.
 */
export default function BindingRequestsPage() {
  const { state, setState, reload } = useCloudLoad(fetchRequests, []);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [failed, setFailed] = useState<{ openid: string; who: string; message: string }[]>([]);

  if (state.status !== 'ready') {
    return (
      <AppPage className="decisions">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const requests = state.data;
  const chosen = requests.filter((r) => picked.has(r.openid));
  const allPicked = requests.length > 0 && chosen.length === Math.min(requests.length, BINDING_BATCH_MAX);
  const toggle = (openid: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(openid)) next.delete(openid);
      else next.add(openid);
      return next;
    });
  const decided = async (toast: string) => {
    void Taro.showToast({ title: toast, icon: 'success' });
    setFailed([]);
    await reload(true);
  };

  const approveMany = async () => {
    const who = new Map(chosen.map((r) => [r.openid, `${r.displayName || '居民'}（${placeOf(r)}）`]));
    const answer: BindingBatchResult = await callCloud(identityFn, 'approveBindings', { openids: chosen.map((r) => r.openid) });
    const ok = answer.results.filter((r) => r.ok).length;
    const bad = answer.results.filter((r) => !r.ok);
    setFailed(bad.map((r) => ({ openid: r.openid, who: who.get(r.openid) ?? '居民', message: r.message })));
    setPicked(new Set());
    setState({ status: 'ready', data: answer.requests });
    void Taro.showToast({
      title: bad.length ? `已通过 ${ok} 条，${bad.length} 条未通过` : `已通过 ${ok} 条`,
      icon: bad.length ? 'none' : 'success',
    });
  };

  return (
    <AppPage className="decisions mbind">
      <Text className="section-title decisions__title">待确认（{requests.length}）</Text>
      {requests.length > 1 ? <Text className="muted mbind__hint">最早的申请在最前；勾选多条后可一次通过，拒绝请逐条填写原因。</Text> : null}
      {failed.length > 0 ? (
        <View className="card mbind__failed">
          <Text className="mbind__failed-title">以下 {failed.length} 条没有通过：</Text>
          {failed.map((f) => (
            <Text key={f.openid} className="mbind__failed-item">
              {f.who}：{f.message}
            </Text>
          ))}
        </View>
      ) : null}
      {requests.length === 0 ? <StateView empty emptyText="没有待确认的绑定申请" /> : null}
      {requests.map((r) => (
        <DecisionCard
          key={r.openid}
          who={r.displayName || '居民'}
          at={r.requestedAt}
          approveText="确认"
          rejectText="拒绝"
          rejectConfirm={`拒绝 ${r.displayName || '居民'} 绑定 ${r.buildingName}？`}
          notePlaceholder="拒绝原因（拒绝时必填，住户会看到）"
          noteRequiredToReject="请填写拒绝原因"
          noteMax={BINDING_NOTE_MAX}
          select={requests.length > 1 ? { checked: picked.has(r.openid), onToggle: () => toggle(r.openid) } : undefined}
          onDecide={async (approve, note) => {
            await callCloud(identityFn, 'decideBinding', { openid: r.openid, approve, ...(note ? { note } : {}) });
            await decided(approve ? '已确认' : '已拒绝');
          }}
        >
          <Fact label="住址">{placeOf(r)}</Fact>
          {r.phone ? <Fact label="手机号">{r.phone}</Fact> : null}
        </DecisionCard>
      ))}
      {requests.length > 1 ? (
        <View className="mbind__bar">
          <Text
            className="mbind__all"
            onClick={() => setPicked(allPicked ? new Set() : new Set(requests.slice(0, BINDING_BATCH_MAX).map((r) => r.openid)))}
          >
            {allPicked ? '取消全选' : '全选'}
          </Text>
          <AsyncButton
            className="mbind__approve"
            size="small"
            disabled={chosen.length === 0}
            confirm={{ title: `通过选中的 ${chosen.length} 条绑定申请？`, confirmText: '通过' }}
            onClick={approveMany}
          >
            {chosen.length ? `批量通过（${chosen.length}）` : '批量通过'}
          </AsyncButton>
        </View>
      ) : null}
    </AppPage>
  );
}
