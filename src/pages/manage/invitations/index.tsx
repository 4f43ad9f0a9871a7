import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { formatDateTime } from '@/components/timeline';
import { identityFn, orgFn } from '@/contracts';
import type { IssuedInvitation } from '@/domain/identity/identity.views';
import { INVITABLE_ROLES, type InvitableRole, invitedScopeKind, mayInviteInto } from '@/domain/identity/invitation.rules';
import { ROLE_LABELS } from '@/domain/identity/role';
import { ORG_UNIT_KIND_LABELS, type OrgUnitKind } from '@/domain/org/org.types';
import type { OrgTreeNode } from '@/domain/org/org.views';
import { newRequestId } from '@/domain/shared/request-id';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { CloudCallError, callCloud } from '@/services/cloud';
import { ChoiceChips } from '../shared/choice-chips';
import { placeLabel } from '../shared/org-outline';
import { OrgPicker } from '../shared/org-picker';
import { fetchWhoAmI } from '../shared/whoami';
import './index.scss';

const fetchSetup = async () => {
  const [me, tree] = await Promise.all([fetchWhoAmI(), callCloud(orgFn, 'tree')]);
  return { me, roots: tree.roots };
};

const nodesOfKind = (roots: readonly OrgTreeNode[], kind: OrgUnitKind): OrgTreeNode[] =>
  roots.flatMap((n) => (n.kind === kind ? [n] : nodesOfKind(n.children, kind)));

/** 邀请码 (staff): pick the role (only those they may invite) and where it applies; a one-time code to pass on. */
export default function InvitationsPage() {
  const { state, reload } = useCloudLoad(fetchSetup, []);
  const [role, setRole] = useState<InvitableRole | null>(null);
  const [scope, setScope] = useState<OrgTreeNode | null>(null);
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  // One per code to issue: a 生成 retried after a timeout answers the code already issued.
  const issueRequest = useRef(newRequestId());
  const roots = state.status === 'ready' ? state.data.roots : [];
  const held = state.status === 'ready' ? state.data.me.roles.map((r) => r.role) : [];
  const heldKey = held.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: heldKey stands for `held`
  const roles = useMemo(
    () => INVITABLE_ROLES.filter((r) => mayInviteInto(held, r) && nodesOfKind(roots, invitedScopeKind(r) as OrgUnitKind).length > 0),
    [heldKey, roots],
  );

  if (state.status !== 'ready') {
    return (
      <AppPage className="minv">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }

  if (issued) {
    return (
      <AppPage className="minv">
        <View className="card minv__issued">
          <Text className="minv__issued-label">邀请码</Text>
          <Text className="minv__code" userSelect>
            {issued.code}
          </Text>
          <Text className="minv__for">
            {ROLE_LABELS[issued.role]} · {placeLabel(roots, scope?._id ?? '') || issued.scopeName}
          </Text>
          <Text className="minv__expiry">有效期至 {formatDateTime(issued.expiresAt)}，只能使用一次</Text>
          <Text className="minv__how">请对方在「我的 → 使用邀请码」输入</Text>
          <AsyncButton className="minv__copy" onClick={() => Taro.setClipboardData({ data: issued.code })}>
            复制邀请码
          </AsyncButton>
          <AsyncButton className="minv__again" type="default" onClick={() => setIssued(null)}>
            再邀请一位
          </AsyncButton>
        </View>
      </AppPage>
    );
  }

  if (roles.length === 0) {
    return (
      <AppPage className="minv">
        <StateView empty emptyText="你没有可以邀请的身份" />
      </AppPage>
    );
  }

  const kind = role ? (invitedScopeKind(role) as OrgUnitKind) : null;
  const pickRole = (r: InvitableRole) => {
    setRole(r);
    const candidates = nodesOfKind(roots, invitedScopeKind(r) as OrgUnitKind);
    // One possible place (your own 社区 or 街道): chosen for you.
    setScope(candidates.length === 1 ? (candidates[0] as OrgTreeNode) : null);
  };
  const issue = async () => {
    if (!role) throw new CloudCallError('INPUT', '请选择要邀请的身份');
    if (!scope) throw new CloudCallError('INPUT', `请选择${kind ? ORG_UNIT_KIND_LABELS[kind] : '范围'}`);
    const made = await callCloud(identityFn, 'issueInvitation', {
      role,
      scopeId: scope._id,
      requestId: issueRequest.current,
    });
    issueRequest.current = newRequestId();
    setIssued(made);
  };

  return (
    <AppPage className="minv">
      <View className="card">
        <Text className="minv__step">1. 邀请对方成为</Text>
        <ChoiceChips choices={roles.map((r) => ({ key: r, label: ROLE_LABELS[r] }))} active={role} onChange={pickRole} />
      </View>
      {role && kind ? (
        <View className="card">
          <Text className="minv__step">2. 选择{ORG_UNIT_KIND_LABELS[kind]}</Text>
          <Text className="minv__picked">
            {scope ? `已选：${placeLabel(roots, scope._id)}` : `请在下面选择一个${ORG_UNIT_KIND_LABELS[kind]}`}
          </Text>
          <OrgPicker roots={roots} kinds={[kind]} single picked={new Set(scope ? [scope._id] : [])} onToggle={setScope} />
        </View>
      ) : null}
      <AsyncButton className="minv__issue" onClick={issue} disabled={!role || !scope}>
        生成邀请码
      </AsyncButton>
    </AppPage>
  );
}
