import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { formatDateTime } from '@/components/timeline';
import { identityFn } from '@/contracts';
import type { InvitationItem, IssuedInvitation } from '@/domain/identity/identity.views';
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
import './index.scss';

// One call opens the screen: who I am, the tree I may invite into, the codes I issued.
const fetchSetup = () => callCloud(identityFn, 'invitations');

const nodesOfKind = (roots: readonly OrgTreeNode[], kind: OrgUnitKind): OrgTreeNode[] =>
  roots.flatMap((n) => (n.kind === kind ? [n] : nodesOfKind(n.children, kind)));

/** Places of `kind` whose name (or whose 小区 / 社区's name) holds `text`, named in full: 和平社区 天府花园 4栋. */
function searchPlaces(roots: readonly OrgTreeNode[], kind: OrgUnitKind, text: string): { node: OrgTreeNode; label: string }[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const out: { node: OrgTreeNode; label: string }[] = [];
  const walk = (nodes: readonly OrgTreeNode[], trail: string[]) => {
    for (const n of nodes) {
      const names = n.kind === 'subdistrict' ? trail : [...trail, n.name];
      if (n.kind === kind) {
        const label = names.join(' ');
        if (words.every((w) => label.includes(w))) out.push({ node: n, label });
      } else walk(n.children, names);
    }
  };
  walk(roots, []);
  return out.slice(0, 20);
}

/** 已发邀请码: each code with its status; an unused one can be revoked (撤销). */
function IssuedList({
  items,
  roots,
  onRevoke,
}: {
  items: InvitationItem[];
  roots: readonly OrgTreeNode[];
  onRevoke: (code: string) => Promise<void>;
}) {
  if (items.length === 0) return null;
  return (
    <View className="card minv__list">
      <Text className="minv__step">已发邀请码</Text>
      {items.map((i) => (
        <View key={i.code} className="minv__row">
          <View className="minv__row-main">
            <Text className="minv__row-code">{i.code}</Text>
            <Text className="minv__row-for">
              {ROLE_LABELS[i.role]} · {placeLabel(roots, i.scopeId) || i.scopeName}
            </Text>
            <Text className="minv__row-at">
              {formatDateTime(i.createdAt)} 发出{i.status === 'unused' ? `，${formatDateTime(i.expiresAt)} 前有效` : ''}
            </Text>
          </View>
          <Text className={`minv__status minv__status--${i.status}`}>{i.statusLabel}</Text>
          {i.status === 'unused' ? (
            <AsyncButton
              className="minv__revoke"
              type="warn"
              size="small"
              confirm={{ title: `撤销邀请码 ${i.code}？`, content: '撤销后这个码不能再使用。', confirmText: '撤销' }}
              onClick={() => onRevoke(i.code)}
            >
              撤销
            </AsyncButton>
          ) : null}
        </View>
      ))}
    </View>
  );
}

/** 邀请码 (staff): pick the role (only those they may invite) and where it applies; a one-time code to pass on. */
export default function InvitationsPage() {
  const { state, setState, reload } = useCloudLoad(fetchSetup, []);
  const [query, setQuery] = useState('');
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
          <AsyncButton
            className="minv__again"
            type="default"
            onClick={async () => {
              setIssued(null);
              await reload(true);
            }}
          >
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
  const issuedCodes = state.data.issued;
  const revoke = async (code: string) => {
    const issuedNow = await callCloud(identityFn, 'revokeInvitation', { code });
    setState({ status: 'ready', data: { ...state.data, issued: issuedNow } });
    void Taro.showToast({ title: '已撤销', icon: 'success' });
  };
  const found = kind ? searchPlaces(roots, kind, query) : [];
  // Many places of this kind (a subdistrict's buildings): search by name first, the tree below it.
  const searchable = kind ? nodesOfKind(roots, kind).length > 8 : false;
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
          {searchable ? (
            <View className="minv__search">
              <Input
                className="form-field__input minv__search-input"
                placeholderClass="form-field__placeholder"
                value={query}
                placeholder={`搜索${ORG_UNIT_KIND_LABELS[kind]}，如 天府花园 4栋`}
                onInput={(e) => setQuery(e.detail.value)}
              />
              {query.trim() ? (
                <View className="minv__found">
                  {found.length === 0 ? <Text className="muted">没有找到，换个名字试试，或在下面逐级选择</Text> : null}
                  {found.map((f) => (
                    <Text
                      key={f.node._id}
                      className={`minv__found-item${scope?._id === f.node._id ? ' minv__found-item--on' : ''}`}
                      onClick={() => setScope(f.node)}
                    >
                      {f.label}
                    </Text>
                  ))}
                </View>
              ) : (
                <Text className="muted minv__or">或在下面逐级选择</Text>
              )}
            </View>
          ) : null}
          <OrgPicker roots={roots} kinds={[kind]} single picked={new Set(scope ? [scope._id] : [])} onToggle={setScope} />
        </View>
      ) : null}
      <AsyncButton className="minv__issue" onClick={issue} disabled={!role || !scope}>
        生成邀请码
      </AsyncButton>
      <IssuedList items={issuedCodes} roots={roots} onRevoke={revoke} />
    </AppPage>
  );
}
