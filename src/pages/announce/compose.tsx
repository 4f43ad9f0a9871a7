import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FormField } from '@/components/form-field';
import { PhotoPicker } from '@/components/photo-picker';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { announceFn, orgFn } from '@/contracts';
import { type TextEdit, toggleBold, toggleList } from '@/domain/announce/announce.editing';
import { BODY_MAX, scheduleProblem, TARGETS_MAX, TITLE_MAX } from '@/domain/announce/announce.rules';
import { ANNOUNCEMENT_CATEGORIES } from '@/domain/announce/announce.types';
import type { OrgTreeNode } from '@/domain/org/org.views';
import { newRequestId } from '@/domain/shared/request-id';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { CloudCallError, callCloud } from '@/services/cloud';
import { PHOTOS_SUPPORTED } from '@/services/photo-upload';
import { announcePath, shortDate } from './shared/format';
import { backToManage } from './shared/nav';
import { ScheduleField } from './shared/schedule-field';
import { buildingCount, TargetTree, topmostPicked } from './shared/target-tree';
import { useDraftForm } from './shared/use-draft-form';
import './compose.scss';

interface Errors {
  title?: string;
  body?: string;
  targets?: string;
  publishAt?: string;
}

/** Cloud storage folder of cover images. */
const COVER_FOLDER = 'announce/covers';
const BODY_HINT = '选中文字后点「加粗」或「列表」；空一行分段';

/** Which field a server refusal is about, by its message. */
function fieldOf(message: string): keyof Errors | null {
  if (/标题/.test(message)) return 'title';
  if (/正文/.test(message)) return 'body';
  if (/范围/.test(message)) return 'targets';
  if (/定时/.test(message)) return 'publishAt';
  return null;
}

/**
 * 写公告 / 修改公告 (staff): title, category, body (markdown-lite), cover, 发布时间 (now or a set time),
 * targets from the org tree → saved as a draft (a new one, or the opened one at its version) → 预览.
 */
export default function AnnounceComposePage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const form = useDraftForm(id);
  const { fields, change, draft } = form;
  const tree = useCloudLoad(async () => (await callCloud(orgFn, 'tree')).roots, []);
  const [errors, setErrors] = useState<Errors>({});
  // One per compose form: a 保存 retried after a timeout answers the draft already made.
  const requestId = useRef(newRequestId());

  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '修改公告' });
  }, [id]);
  // In WeChat the back gesture asks before unsaved edits are lost (not available in the browser build).
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    if (form.dirty) Taro.enableAlertBeforeUnload({ message: '修改还没有保存，确定离开吗？' });
    else Taro.disableAlertBeforeUnload();
  }, [form.dirty]);

  const roots = tree.state.status === 'ready' ? tree.state.data : [];
  const targets = useMemo(() => topmostPicked(roots, fields.picked), [roots, fields.picked]);
  const buildings = useMemo(() => {
    const byId = new Map<string, OrgTreeNode>();
    const walk = (n: OrgTreeNode) => {
      byId.set(n._id, n);
      for (const c of n.children ?? []) walk(c);
    };
    for (const r of roots) walk(r);
    return targets.reduce((n, t) => n + (byId.get(t) ? buildingCount(byId.get(t) as OrgTreeNode) : 0), 0);
  }, [roots, targets]);

  const edit = (patch: Parameters<typeof change>[0], field: keyof Errors) => {
    change(patch);
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  // 加粗 / 列表 act on the body's selection: the browser's textarea tells it; WeChat's tells only
  // the cursor (from typing and blur), so there they insert the markers at the cursor.
  const cursor = useRef<{ start: number; end: number } | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const bodyBox = () =>
    process.env.TARO_ENV === 'h5' ? (document.querySelector('.compose .compose__body textarea') as HTMLTextAreaElement | null) : null;
  const format = (how: (text: string, start: number, end: number) => TextEdit) => {
    const box = bodyBox();
    const at = box
      ? { start: box.selectionStart, end: box.selectionEnd }
      : (cursor.current ?? { start: fields.body.length, end: fields.body.length });
    const next = how(fields.body, at.start, at.end);
    if (next.text.length > BODY_MAX) {
      void Taro.showToast({ title: `正文最多 ${BODY_MAX} 个字`, icon: 'none' });
      return;
    }
    edit({ body: next.text }, 'body');
    cursor.current = { start: next.start, end: next.end };
    setSelection({ start: next.start, end: next.end });
    if (box)
      setTimeout(() => {
        box.focus();
        box.setSelectionRange(next.start, next.end);
      }, 0);
  };
  const toggle = (node: string) => {
    const next = new Set(fields.picked);
    if (next.has(node)) next.delete(node);
    else next.add(node);
    edit({ picked: next }, 'targets');
  };

  const check = (): Errors => {
    const next: Errors = {};
    const title = fields.title.trim();
    const body = fields.body.trim();
    if (!title) next.title = '请填写标题';
    else if (title.length > TITLE_MAX) next.title = `标题最多 ${TITLE_MAX} 个字`;
    if (!body) next.body = '请填写正文';
    else if (body.length > BODY_MAX) next.body = `正文最多 ${BODY_MAX} 个字（现在 ${body.length} 个）`;
    if (targets.length === 0) next.targets = '请选择推送范围';
    else if (targets.length > TARGETS_MAX) next.targets = `推送范围最多 ${TARGETS_MAX} 个`;
    const late = fields.publishAt === null ? null : scheduleProblem(fields.publishAt, Date.now());
    if (late) next.publishAt = late;
    return next;
  };

  const submit = async () => {
    const next = check();
    setErrors(next);
    if (Object.keys(next).length > 0) {
      await Taro.showToast({ title: '请检查标红的内容', icon: 'none' });
      return;
    }
    const input = {
      title: fields.title.trim(),
      body: fields.body.trim(),
      category: fields.category,
      targets,
      ...(fields.coverFileId ? { coverFileId: fields.coverFileId } : {}),
      ...(fields.publishAt !== null ? { publishAt: fields.publishAt } : {}),
    };
    try {
      const r = draft
        ? await callCloud(announceFn, 'update', { id: draft.id, version: draft.version, ...input })
        : await callCloud(announceFn, 'create', { requestId: requestId.current, ...input });
      if (process.env.TARO_ENV === 'weapp') Taro.disableAlertBeforeUnload();
      await Taro.redirectTo({ url: announcePath('preview', { id: r.id }) });
    } catch (err) {
      const field = err instanceof CloudCallError ? fieldOf(err.message) : null;
      if (field) setErrors({ [field]: (err as Error).message });
      throw err;
    }
  };

  if (form.state.status !== 'ready') {
    return (
      <AppPage className="compose">
        <LoadPlaceholder state={form.state} onRetry={() => void form.reload()} />
      </AppPage>
    );
  }
  const scheduled = draft?.state === 'scheduled';
  return (
    <AppPage className="compose">
      {scheduled && draft?.publishAt ? (
        <View className="compose__notice">
          <Text className="compose__notice-text">
            这条公告已定时于 {shortDate(draft.publishAt)} 发布。保存修改后它回到草稿，需要重新预览并发布。
          </Text>
        </View>
      ) : null}
      <View className="card">
        <FormField label="标题" required error={errors.title} hint={`${fields.title.trim().length} / ${TITLE_MAX}`}>
          <Input
            className="form-field__input"
            placeholder="例如：创建文明城市，从我做起"
            placeholderClass="form-field__placeholder"
            maxlength={TITLE_MAX}
            value={fields.title}
            onInput={(e) => edit({ title: e.detail.value }, 'title')}
          />
        </FormField>
        <FormField label="类别" required inline>
          <Picker
            mode="selector"
            range={[...ANNOUNCEMENT_CATEGORIES]}
            value={ANNOUNCEMENT_CATEGORIES.indexOf(fields.category)}
            onChange={(e) => change({ category: ANNOUNCEMENT_CATEGORIES[Number(e.detail.value)] ?? ANNOUNCEMENT_CATEGORIES[0] })}
          >
            <View className="form-field__picker">{fields.category} ▾</View>
          </Picker>
        </FormField>
        <FormField label="正文" required error={errors.body} hint={`${BODY_HINT}（${fields.body.trim().length} / ${BODY_MAX}）`}>
          <View className="compose__toolbar">
            <View className="compose__tool compose__tool--bold" hoverClass="compose__tool--active" onClick={() => format(toggleBold)}>
              <Text className="compose__tool-text">加粗</Text>
            </View>
            <View className="compose__tool" hoverClass="compose__tool--active" onClick={() => format(toggleList)}>
              <Text className="compose__tool-text">• 列表</Text>
            </View>
          </View>
          <Textarea
            className="form-field__textarea compose__body"
            placeholder="公告正文"
            placeholderClass="form-field__placeholder"
            maxlength={BODY_MAX}
            value={fields.body}
            onInput={(e) => {
              cursor.current = { start: e.detail.cursor, end: e.detail.cursor };
              setSelection(null);
              edit({ body: e.detail.value }, 'body');
            }}
            onBlur={(e) => {
              const at = (e.detail as { cursor?: number }).cursor;
              if (typeof at === 'number') cursor.current = { start: at, end: at };
            }}
            {...(process.env.TARO_ENV === 'weapp' && selection
              ? { focus: true, selectionStart: selection.start, selectionEnd: selection.end }
              : {})}
          />
        </FormField>
        {PHOTOS_SUPPORTED ? (
          <FormField label="封面" hint="可选：一张图片，显示在标题下方和居民的公告列表里">
            <PhotoPicker
              value={fields.coverFileId ? [fields.coverFileId] : []}
              onChange={(ids) => change({ coverFileId: ids[0] ?? null })}
              folder={COVER_FOLDER}
              max={1}
            />
          </FormField>
        ) : null}
      </View>

      <View className="card">
        <ScheduleField at={fields.publishAt} onChange={(at) => edit({ publishAt: at }, 'publishAt')} error={errors.publishAt} />
      </View>

      <View className="card">
        <View className="compose__targets-head">
          <Text className="compose__targets-title">推送范围</Text>
          <Text className="compose__targets-count">{targets.length > 0 ? `已选 ${targets.length} 项 · 共 ${buildings} 栋` : '未选择'}</Text>
        </View>
        {errors.targets ? <Text className="compose__error">{errors.targets}</Text> : null}
        {tree.state.status === 'ready' ? (
          <TargetTree roots={roots} picked={fields.picked} onToggle={toggle} />
        ) : (
          <StateView
            loading={tree.state.status === 'loading'}
            error={tree.state.status === 'error' ? tree.state.message : undefined}
            onRetry={() => void tree.reload()}
          />
        )}
      </View>

      <View className="compose__actions">
        <AsyncButton
          onClick={submit}
          confirm={
            scheduled
              ? {
                  title: '保存修改？',
                  content: '保存后这条公告回到草稿，原定的发布时间不再生效，需要重新预览并发布。',
                  confirmText: '保存',
                }
              : undefined
          }
        >
          保存并预览
        </AsyncButton>
        <AsyncButton
          type="default"
          onClick={backToManage}
          confirm={form.dirty ? { title: '放弃修改？', content: '还没有保存的内容将会丢失。', confirmText: '放弃' } : undefined}
        >
          {id ? '放弃修改' : '放弃'}
        </AsyncButton>
      </View>
    </AppPage>
  );
}
