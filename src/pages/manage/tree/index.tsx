import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { orgFn } from '@/contracts';
import { ORG_UNIT_KIND_LABELS, type OrgUnitKind } from '@/domain/org/org.types';
import type { GroupSummary, OrgTreeNode } from '@/domain/org/org.views';
import { newRequestId } from '@/domain/shared/request-id';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud, errorMessage } from '@/services/cloud';
import { buildingsIn, kindLabel, OrgOutline } from '../shared/org-outline';
import './index.scss';

/** What can be added under a node: 小区 under a 社区, 楼栋 under a 小区 (the server allows no more). */
const CHILD_KIND: Partial<Record<OrgUnitKind, OrgUnitKind>> = { community: 'estate', estate: 'building' };

type Editing = { type: 'add' | 'rename'; id: string; kind: OrgUnitKind } | { type: 'groupName' | 'robot'; id: string };

const PLACEHOLDER: Record<Editing['type'], string> = {
  add: '名称',
  rename: '新的名称',
  groupName: '新的群名称',
  robot: '粘贴群机器人的 Webhook 地址',
};

function Editor({
  editing,
  initial,
  onSave,
  onCancel,
}: {
  editing: Editing;
  initial: string;
  onSave: (v: string) => Promise<void>;
  onCancel: () => void;
}) {
  const [value, setValue] = useState(initial);
  const placeholder =
    editing.type === 'add' ? `新${ORG_UNIT_KIND_LABELS[CHILD_KIND[editing.kind] ?? 'building']}的名称` : PLACEHOLDER[editing.type];
  return (
    <View className="mtree__editor">
      <Input
        className="form-field__input mtree__input"
        placeholder={placeholder}
        placeholderClass="form-field__placeholder"
        maxlength={editing.type === 'robot' ? 200 : 30}
        value={value}
        focus
        onInput={(e) => setValue(e.detail.value)}
      />
      <View className="mtree__editor-actions">
        <Text className="mtree__cancel" onClick={onCancel}>
          取消
        </Text>
        <AsyncButton size="small" onClick={() => onSave(value.trim())}>
          保存
        </AsyncButton>
      </View>
    </View>
  );
}

/** 组织架构 (staff): the tree of their 社区 / 街道; add and rename 小区 / 楼栋; each 楼栋's groups and their robot. */
export default function OrgTreePage() {
  const { state, reload } = useCloudLoad(() => callCloud(orgFn, 'tree'), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  // One per unit being added: a 保存 retried after a timeout answers the unit already made.
  const addRequest = useRef(newRequestId());

  if (state.status !== 'ready') {
    return (
      <AppPage className="mtree">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }

  const done = async (toast: string) => {
    setEditing(null);
    void Taro.showToast({ title: toast, icon: 'success' });
    await reload(true);
  };
  const save = async (e: Editing, value: string) => {
    if (e.type === 'add') {
      await callCloud(orgFn, 'addUnit', { parentId: e.id, name: value, requestId: addRequest.current });
      addRequest.current = newRequestId();
    } else if (e.type === 'rename') await callCloud(orgFn, 'renameUnit', { unitId: e.id, name: value });
    else if (e.type === 'groupName') await callCloud(orgFn, 'updateGroup', { groupId: e.id, name: value });
    else await callCloud(orgFn, 'updateGroup', { groupId: e.id, robotWebhookKey: value });
    await done(e.type === 'add' ? '已添加' : '已保存');
  };
  const clearRobot = async (g: GroupSummary) => {
    const answer = await Taro.showModal({
      title: '清除群机器人？',
      content: `「${g.name}」将不再通过群机器人收到公告`,
      confirmText: '清除',
      confirmColor: '#c8161d',
    });
    if (!answer.confirm) return;
    try {
      await callCloud(orgFn, 'updateGroup', { groupId: g._id, robotWebhookKey: null });
      await done('已清除');
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none', duration: 3000 });
    }
  };
  const editorFor = (e: Editing, initial: string) =>
    editing && editing.type === e.type && editing.id === e.id ? (
      <Editor editing={editing} initial={initial} onSave={(v) => save(editing, v)} onCancel={() => setEditing(null)} />
    ) : null;
  const action = (text: string, e: Editing) => (
    <Text className="mtree__action" onClick={() => setEditing(e)}>
      {text}
    </Text>
  );

  const unitRow = (n: OrgTreeNode) => {
    const child = CHILD_KIND[n.kind];
    return (
      <View className="mtree__unit">
        <View className="mtree__line">
          <View className="mtree__title">
            <Text className={`mtree__name mtree__name--${n.kind}`}>{n.name}</Text>
            <Text className="mtree__kind">
              {kindLabel(n)}
              {n.kind === 'building' ? ` · ${n.groups.length} 个群` : ` · ${buildingsIn(n)} 栋`}
            </Text>
          </View>
          <View className="mtree__actions">
            {child ? action(`添加${ORG_UNIT_KIND_LABELS[child]}`, { type: 'add', id: n._id, kind: n.kind }) : null}
            {action('改名', { type: 'rename', id: n._id, kind: n.kind })}
          </View>
        </View>
        {editorFor({ type: 'add', id: n._id, kind: n.kind }, '')}
        {editorFor({ type: 'rename', id: n._id, kind: n.kind }, n.name)}
      </View>
    );
  };

  const groups = (n: OrgTreeNode) =>
    n.groups.length === 0 ? (
      <Text className="mtree__empty">暂无楼栋群</Text>
    ) : (
      n.groups.map((g) => (
        <View key={g._id} className="mtree__group">
          <View className="mtree__line">
            <View className="mtree__title">
              <Text className="mtree__group-name">{g.name}</Text>
              <View className="mtree__tags">
                <Text className={`mtree__tag${g.hasRobot ? ' mtree__tag--on' : ''}`}>群机器人 {g.hasRobot ? '已设置' : '未设置'}</Text>
                <Text className={`mtree__tag${g.bound ? ' mtree__tag--on' : ''}`}>{g.bound ? '群已关联' : '群未关联'}</Text>
              </View>
            </View>
          </View>
          <View className="mtree__actions mtree__actions--group">
            {action('改名', { type: 'groupName', id: g._id })}
            {action(g.hasRobot ? '更换机器人' : '设置机器人', { type: 'robot', id: g._id })}
            {g.hasRobot ? (
              <Text className="mtree__action mtree__action--warn" onClick={() => void clearRobot(g)}>
                清除机器人
              </Text>
            ) : null}
          </View>
          {editorFor({ type: 'groupName', id: g._id }, g.name)}
          {editorFor({ type: 'robot', id: g._id }, '')}
        </View>
      ))
    );

  return (
    <AppPage className="mtree">
      <Text className="muted mtree__hint">点 ▸ 展开；群机器人地址保存后不再显示，只显示是否已设置</Text>
      {state.data.roots.length === 0 ? (
        <StateView empty emptyText="没有可管理的组织" />
      ) : (
        <View className="card mtree__card">
          <OrgOutline
            roots={state.data.roots}
            renderRow={unitRow}
            hasBody={(n) => n.kind === 'building'}
            renderBody={(n) => <View className="mtree__groups">{groups(n)}</View>}
          />
        </View>
      )}
    </AppPage>
  );
}
