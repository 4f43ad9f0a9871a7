import { Picker, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FormField } from '@/components/form-field';
import { LoadPlaceholder } from '@/components/state-view';
import { problemFn } from '@/contracts';
import { deadlineLabelOf } from '@/domain/problem/problem.categories';
import type { HandlingUnitKind } from '@/domain/problem/problem.types';
import type { CategoryAdminView, CategoryRow } from '@/domain/problem/problem.views';
import { newRequestId } from '@/domain/shared/request-id';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import './index.scss';

interface Draft {
  categoryId?: string;
  expectedUpdatedAt?: number;
  name: string;
  handlerKind: HandlingUnitKind;
  deadlineDays: number;
  followUpDays: number;
  active: boolean;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** 问题类别: institute staff set each category's name, usual 处置单位, deadline and 回头看 days. */
export default function ProblemCategoriesPage() {
  const { state, setState, reload } = useCloudLoad(() => callCloud(problemFn, 'categories', {}), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  // One request id per new category: a retried save adds it once.
  const requestId = useRef(newRequestId());

  if (state.status !== 'ready') {
    return (
      <AppPage className="pcats">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const view = state.data;
  const { limits } = view;
  const deadlineChoices = range(0, limits.deadlineDaysMax);
  const followUpChoices = range(limits.followUpDaysMin, limits.followUpDaysMax);
  const editRow = (c: CategoryRow) =>
    setDraft({
      categoryId: c.categoryId,
      expectedUpdatedAt: c.updatedAt,
      name: c.name,
      handlerKind: c.handlerKind,
      deadlineDays: c.deadlineDays,
      followUpDays: c.followUpDays,
      active: c.active,
    });
  const saved = (next: CategoryAdminView) => {
    setDraft(null);
    requestId.current = newRequestId();
    setState({ status: 'ready', data: next });
    void Taro.showToast({ title: '已保存', icon: 'success' });
  };
  const save = async (d: Draft) => {
    const name = d.name.trim();
    if (name.length < 2) {
      void Taro.showToast({ title: '类别名称至少 2 个字', icon: 'none' });
      return;
    }
    const { categoryId, expectedUpdatedAt, ...fields } = d;
    saved(
      await callCloud(problemFn, 'saveCategory', {
        ...fields,
        name,
        ...(categoryId ? { categoryId, ...(expectedUpdatedAt ? { expectedUpdatedAt } : {}) } : { requestId: requestId.current }),
      }),
    );
  };

  const form = (d: Draft) => (
    <View className="card pcats__form">
      <Text className="section-title">{d.categoryId ? `修改「${d.name || '类别'}」` : '新增问题类别'}</Text>
      <FormField label="类别名称" required hint={`${d.name.trim().length}/${limits.nameMax} 字`}>
        <FieldInput value={d.name} maxlength={limits.nameMax} placeholder="例如：高空抛物" onChange={(name) => setDraft({ ...d, name })} />
      </FormField>
      <FormField label="通常由谁处置" hint="派遣时优先列出这一类处置单位">
        <View className="pcats__chips">
          {view.handlerKinds.map((k) => (
            <View
              key={k.kind}
              className={`pcats__chip ${d.handlerKind === k.kind ? 'pcats__chip--on' : ''}`}
              onClick={() => setDraft({ ...d, handlerKind: k.kind })}
            >
              {k.label}
            </View>
          ))}
        </View>
      </FormField>
      <FormField label="处置期限" hint="从派遣起按工作日计算，0 表示当天处置">
        <Picker
          mode="selector"
          range={deadlineChoices.map(deadlineLabelOf)}
          value={deadlineChoices.indexOf(d.deadlineDays)}
          onChange={(e) => setDraft({ ...d, deadlineDays: deadlineChoices[Number(e.detail.value)] ?? d.deadlineDays })}
        >
          <View className="form-field__picker">{deadlineLabelOf(d.deadlineDays)}</View>
        </Picker>
      </FormField>
      <FormField label="回头看" hint="销号后多少天再去看一次有没有回潮">
        <Picker
          mode="selector"
          range={followUpChoices.map((n) => `销号 ${n} 天后`)}
          value={followUpChoices.indexOf(d.followUpDays)}
          onChange={(e) => setDraft({ ...d, followUpDays: followUpChoices[Number(e.detail.value)] ?? d.followUpDays })}
        >
          <View className="form-field__picker">销号 {d.followUpDays} 天后</View>
        </Picker>
      </FormField>
      <View className="pcats__switch">
        <Text>在随手拍里可选</Text>
        <Switch checked={d.active} color="#c8161d" onChange={(e) => setDraft({ ...d, active: e.detail.value })} />
      </View>
      <Text className="muted">已上报的问题保持上报时的期限；修改只影响之后的上报。</Text>
      <View className="pcats__buttons">
        <AsyncButton type="primary" onClick={() => save(d)}>
          保存
        </AsyncButton>
        <AsyncButton onClick={() => setDraft(null)}>取消</AsyncButton>
      </View>
    </View>
  );

  return (
    <AppPage className="pcats">
      <View className="card pcats__head">
        <Text className="pcats__title">{view.subdistrictName} · 问题类别</Text>
        <Text className="muted">
          共 {view.categories.length} 类，{view.categories.filter((c) => c.active).length} 类在用。点「修改」调整期限和处置单位。
        </Text>
        {draft === null && view.categories.length < limits.categoriesMax ? (
          <AsyncButton onClick={() => setDraft({ name: '', handlerKind: 'property', deadlineDays: 2, followUpDays: 7, active: true })}>
            新增类别
          </AsyncButton>
        ) : null}
      </View>
      {draft && !draft.categoryId ? form(draft) : null}
      {view.categories.map((c) =>
        draft?.categoryId === c.categoryId ? (
          <View key={c.categoryId}>{form(draft)}</View>
        ) : (
          <View key={c.categoryId} className={`card pcats__row ${c.active ? '' : 'pcats__row--off'}`}>
            <View className="pcats__row-main">
              <Text className="pcats__name">
                {c.name}
                {c.active ? '' : '（已停用）'}
              </Text>
              <Text className="pcats__meta">
                {c.deadlineLabel} · {c.handlerLabel} · 销号 {c.followUpDays} 天后回头看
              </Text>
            </View>
            <View className="pcats__edit" onClick={() => editRow(c)}>
              修改
            </View>
          </View>
        ),
      )}
    </AppPage>
  );
}
