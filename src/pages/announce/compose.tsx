import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FormField } from '@/components/form-field';
import { type LoadState, StateView } from '@/components/state-view';
import { BODY_MAX, TARGETS_MAX, TITLE_MAX } from '@/domain/announce/announce.rules';
import { ANNOUNCEMENT_CATEGORIES, type AnnouncementCategory } from '@/domain/announce/announce.types';
import { CloudCallError, callCloud, errorMessage } from '@/services/cloud';
import { announcePath } from './shared/format';
import { buildingCount, TargetTree, topmostPicked } from './shared/target-tree';
import type { OrgNode } from './shared/types';
import './compose.scss';

interface Errors {
  title?: string;
  body?: string;
  targets?: string;
}

const BODY_HINT = '空一行分段；**文字** 加粗；以「- 」或「1. 」开头的行成为列表';

/** 写公告 (staff): title, category, body (markdown-lite), targets from the org tree → draft → 预览. */
export default function AnnounceComposePage() {
  const [tree, setTree] = useState<LoadState<OrgNode[]>>({ status: 'loading' });
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<AnnouncementCategory>(ANNOUNCEMENT_CATEGORIES[0]);
  const [body, setBody] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Errors>({});

  const loadTree = useCallback(async () => {
    setTree({ status: 'loading' });
    try {
      const r = await callCloud<{ roots: OrgNode[] }>('org', { action: 'tree' });
      setTree({ status: 'ready', data: r.roots ?? [] });
    } catch (err) {
      setTree({ status: 'error', message: errorMessage(err) });
    }
  }, []);
  useEffect(() => {
    void loadTree();
  }, [loadTree]);

  const roots = tree.status === 'ready' ? tree.data : [];
  const targets = useMemo(() => topmostPicked(roots, picked), [roots, picked]);
  const buildings = useMemo(() => {
    const byId = new Map<string, OrgNode>();
    const walk = (n: OrgNode) => {
      byId.set(n._id, n);
      for (const c of n.children ?? []) walk(c);
    };
    for (const r of roots) walk(r);
    return targets.reduce((n, id) => n + (byId.get(id) ? buildingCount(byId.get(id) as OrgNode) : 0), 0);
  }, [roots, targets]);

  const toggle = (id: string) => {
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
    setErrors((e) => ({ ...e, targets: undefined }));
  };

  const submit = async () => {
    const next: Errors = {};
    if (!title.trim()) next.title = '请填写标题';
    else if (title.trim().length > TITLE_MAX) next.title = `标题最多 ${TITLE_MAX} 个字`;
    if (!body.trim()) next.body = '请填写正文';
    else if (body.trim().length > BODY_MAX) next.body = `正文最多 ${BODY_MAX} 个字（现在 ${body.trim().length} 个）`;
    if (targets.length === 0) next.targets = '请选择推送范围';
    else if (targets.length > TARGETS_MAX) next.targets = `推送范围最多 ${TARGETS_MAX} 个`;
    setErrors(next);
    if (Object.keys(next).length > 0) {
      await Taro.showToast({ title: '请检查标红的内容', icon: 'none' });
      return;
    }
    try {
      const r = await callCloud<{ id: string }>('announce', {
        action: 'create',
        title: title.trim(),
        body: body.trim(),
        category,
        targets,
      });
      await Taro.redirectTo({ url: announcePath('preview', { id: r.id }) });
    } catch (err) {
      if (err instanceof CloudCallError && /标题/.test(err.message)) setErrors({ title: err.message });
      else if (err instanceof CloudCallError && /正文/.test(err.message)) setErrors({ body: err.message });
      else if (err instanceof CloudCallError && /范围/.test(err.message)) setErrors({ targets: err.message });
      throw err;
    }
  };

  return (
    <AppPage className="compose">
      <View className="card">
        <FormField label="标题" required error={errors.title} hint={`${title.trim().length} / ${TITLE_MAX}`}>
          <Input
            className="form-field__input"
            placeholder="例如：创建文明城市，从我做起"
            placeholderClass="form-field__placeholder"
            maxlength={TITLE_MAX}
            value={title}
            onInput={(e) => {
              setTitle(e.detail.value);
              setErrors((x) => ({ ...x, title: undefined }));
            }}
          />
        </FormField>
        <FormField label="类别" required inline>
          <Picker
            mode="selector"
            range={[...ANNOUNCEMENT_CATEGORIES]}
            value={ANNOUNCEMENT_CATEGORIES.indexOf(category)}
            onChange={(e) => setCategory(ANNOUNCEMENT_CATEGORIES[Number(e.detail.value)] ?? ANNOUNCEMENT_CATEGORIES[0])}
          >
            <View className="form-field__picker">{category} ▾</View>
          </Picker>
        </FormField>
        <FormField label="正文" required error={errors.body} hint={`${BODY_HINT}（${body.trim().length} / ${BODY_MAX}）`}>
          <Textarea
            className="form-field__textarea compose__body"
            placeholder="公告正文"
            placeholderClass="form-field__placeholder"
            maxlength={BODY_MAX}
            value={body}
            onInput={(e) => {
              setBody(e.detail.value);
              setErrors((x) => ({ ...x, body: undefined }));
            }}
          />
        </FormField>
      </View>

      <View className="card">
        <View className="compose__targets-head">
          <Text className="compose__targets-title">推送范围</Text>
          <Text className="compose__targets-count">{targets.length > 0 ? `已选 ${targets.length} 项 · 共 ${buildings} 栋` : '未选择'}</Text>
        </View>
        {errors.targets ? <Text className="compose__error">{errors.targets}</Text> : null}
        {tree.status === 'ready' ? (
          <TargetTree roots={roots} picked={picked} onToggle={toggle} />
        ) : (
          <StateView
            loading={tree.status === 'loading'}
            error={tree.status === 'error' ? tree.message : undefined}
            onRetry={() => void loadTree()}
          />
        )}
      </View>

      <AsyncButton onClick={submit}>保存并预览</AsyncButton>
    </AppPage>
  );
}
