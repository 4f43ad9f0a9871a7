import { Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { CloudPhotos } from '@/components/cloud-image';
import { FieldTextarea, FormField } from '@/components/form-field';
import { PhotoPicker } from '@/components/photo-picker';
import { LoadPlaceholder } from '@/components/state-view';
import { formatDateTime, Timeline } from '@/components/timeline';
import { problemFn } from '@/contracts';
import { chinaDay, DAY_MS, EXTENSION_MAX_DAYS, PROBLEM_NOTE_MAX, PROBLEM_PHOTOS_MAX } from '@/domain/problem/problem.rules';
import type { ProblemEvent } from '@/domain/problem/problem.state-machine';
import { PROBLEM_RATING_LABELS, PROBLEM_RATING_SCORES, type ProblemRatingScore } from '@/domain/problem/problem.types';
import type { ProblemButton, ProblemDetail } from '@/domain/problem/problem.views';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { deadlineText, ProblemStateTag } from '../shared/problem-card';
import './index.scss';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="pdetail__row">
      <Text className="pdetail__label">{label}</Text>
      <Text className="pdetail__value">{value}</Text>
    </View>
  );
}

/** What each button asks for, in plain words. */
const NOTE_HINTS: Partial<Record<ProblemEvent, string>> = {
  dismiss: '不予立案的原因，例如：经核实不属实 / 不属于本社区管理',
  return: '处置情况（选填）；退回时请写明原因，例如：不属于本单位职责',
  verify_fail: '哪里还没处理好，例如：纸箱清了，旧沙发还在',
  relapse: '回潮的情况，例如：楼道又堆满了杂物',
  request_extension: '延期原因（申请延期时必填），例如：配件要从厂家调货，预计下周到',
  refuse_extension: '不同意延期时请写明原因，例如：当天即可清理',
  rate: '说说处置结果（选填），例如：清理得很干净，谢谢',
};

const CONFIRMS: Partial<Record<ProblemEvent, string>> = {
  dismiss: '确定不予立案吗？上报人会看到原因。',
  return: '确定把这个问题退回社区吗？',
  verify_pass: '确认已经处理好，销号吗？',
  verify_fail: '确认没有处理好，退回返工吗？',
  relapse: '确认问题又出现了，重新立案吗？',
  request_extension: '每个问题只能申请一次延期，确定提交吗？',
  approve_extension: '同意延期后，处置期限改为申请的日期，确定吗？',
  refuse_extension: '确定不同意延期吗？处置单位会看到原因。',
};

/** 12月8日 for a China day YYYY-MM-DD. */
const dayLabel = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

/** One problem for everyone who may open it: facts, photos, the caller's buttons, the timeline. */
export default function ProblemDetailPage() {
  const { params } = useRouter();
  const problemId = params.problemId ?? '';
  const { state, setState, reload } = useCloudLoad(() => callCloud(problemFn, 'detail', { problemId }), [problemId]);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [extensionDay, setExtensionDay] = useState('');
  const [score, setScore] = useState<ProblemRatingScore | null>(null);

  if (state.status !== 'ready') {
    return (
      <AppPage className="pdetail">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const { problem: p, timeline, actions, unitOptions, caller } = state.data;
  const expectedVersion = p.version;
  const done = (detail: ProblemDetail) => {
    setNote('');
    setPhotos([]);
    setUnitIds([]);
    setExtensionDay('');
    setScore(null);
    setState({ status: 'ready', data: detail });
  };
  const trimmed = note.trim();
  const withNote = trimmed ? { note: trimmed } : {};
  const run = async (a: ProblemButton) => {
    switch (a.event) {
      case 'register':
      case 'dismiss':
      case 'dispatch':
      case 'return':
        return done(
          await callCloud(problemFn, 'transition', {
            problemId,
            expectedVersion,
            event: a.event,
            ...withNote,
            ...(a.event === 'dispatch' ? { unitIds } : {}),
          }),
        );
      case 'fix':
        return done(await callCloud(problemFn, 'fix', { problemId, expectedVersion, photos, ...withNote }));
      case 'verify_pass':
      case 'verify_fail':
        return done(
          await callCloud(problemFn, 'verify', {
            problemId,
            expectedVersion,
            pass: a.event === 'verify_pass',
            ...(photos.length > 0 ? { photos } : {}),
            ...withNote,
          }),
        );
      case 'follow_up':
      case 'relapse':
        return done(await callCloud(problemFn, 'followUp', { problemId, expectedVersion, relapse: a.event === 'relapse', ...withNote }));
      case 'second':
        return done(await callCloud(problemFn, 'second', { problemId }));
      case 'request_extension':
        return done(
          await callCloud(problemFn, 'requestExtension', { problemId, expectedVersion, reason: trimmed, deadlineDay: extensionDay }),
        );
      case 'rate':
        return done(
          await callCloud(problemFn, 'rate', { problemId, score: score as ProblemRatingScore, ...(trimmed ? { comment: trimmed } : {}) }),
        );
      case 'approve_extension':
      case 'refuse_extension':
        return done(
          await callCloud(problemFn, 'decideExtension', {
            problemId,
            expectedVersion,
            approve: a.event === 'approve_extension',
            ...withNote,
          }),
        );
      default:
        return undefined;
    }
  };
  const missing = (a: ProblemButton): string | null => {
    // Top to bottom as the form asks: the day picker comes before the reason.
    if (a.event === 'request_extension' && !extensionDay) return '请先选择延期到哪一天';
    if (a.needsNote && !trimmed) return `请先填写${a.label}的原因`;
    if (a.needsPhotos && photos.length === 0) return '请先拍一张处置后的照片';
    if (a.needsUnits && unitIds.length === 0) return '请先选择处置单位';
    if (a.event === 'rate' && !score) return '请先选择满意程度';
    return null;
  };
  const askNote = actions.some(
    (a) => a.event !== 'register' && a.event !== 'second' && a.event !== 'dispatch' && a.event !== 'approve_extension',
  );
  const mayExtend = actions.some((a) => a.event === 'request_extension') && p.deadlineAt !== null;
  const extensionRange = p.deadlineAt
    ? { start: chinaDay(p.deadlineAt + DAY_MS), end: chinaDay(p.deadlineAt + EXTENSION_MAX_DAYS * DAY_MS) }
    : null;
  const ext = p.extension;
  const mayRate = actions.some((a) => a.event === 'rate');
  const askPhotos = actions.some((a) => a.event === 'fix' || a.event === 'verify_pass');
  const dispatchable = actions.some((a) => a.event === 'dispatch');
  const noteHint = actions.map((a) => NOTE_HINTS[a.event]).find(Boolean) ?? '补充说明（选填）';

  return (
    <AppPage className="pdetail">
      <View className={`card pdetail__head ${p.overdueLevel >= 2 ? 'pdetail__head--red' : ''}`}>
        <View className="pdetail__title-row">
          <Text className="pdetail__title">{p.categoryName}</Text>
          <ProblemStateTag state={p.state} overdueLevel={p.overdueLevel} overdue={p.overdue} />
        </View>
        <Text className="pdetail__desc">{p.description}</Text>
        <CloudPhotos fileIDs={p.photos} />
        <Row label="编号" value={p.no} />
        <Row label="位置" value={p.placeLabel} />
        {p.reporterName ? <Row label="上报人" value={p.reporterName} /> : null}
        <Row label="上报时间" value={formatDateTime(p.createdAt)} />
        {p.unitNames.length > 0 ? <Row label="处置单位" value={p.unitNames.join('、')} /> : null}
        {p.state === 'dispatched' && p.deadlineAt ? <Row label="处置期限" value={deadlineText(p.deadlineAt)} /> : null}
        {p.unitNames.length > 0 && (caller.parties.includes('staff') || caller.parties.includes('unit')) ? (
          <View
            className="pdetail__row"
            onClick={() => void Taro.navigateTo({ url: `/pages/problem/rectification/index?problemId=${encodeURIComponent(p.problemId)}` })}
          >
            <Text className="pdetail__label">整改通知单</Text>
            <Text className="pdetail__value" style={{ color: '#c8161d' }}>
              查看、打印或转发 ›
            </Text>
          </View>
        ) : null}
        {p.secondCount > 0 ? <Row label="附议" value={`${p.secondCount} 人`} /> : null}
        {p.reworkCount > 0 ? <Row label="返工" value={`${p.reworkCount} 次`} /> : null}
        {p.relapseCount > 0 ? <Row label="回潮" value={`${p.relapseCount} 次`} /> : null}
        {p.state === 'closed' && p.followUpAt ? <Row label="回头看" value={`${formatDateTime(p.followUpAt)} 起`} /> : null}
        {p.dismissNote ? <Row label="不予立案原因" value={p.dismissNote} /> : null}
        {ext ? (
          <View className={`pdetail__extension pdetail__extension--${ext.state}`}>
            <Text className="pdetail__extension-title">
              延期申请 · {ext.stateLabel}：延至 {dayLabel(chinaDay(ext.requestedDeadlineAt))}
            </Text>
            <Text className="pdetail__extension-text">原因：{ext.reason}</Text>
            {ext.decisionNote ? <Text className="pdetail__extension-text">答复：{ext.decisionNote}</Text> : null}
            {ext.state === 'pending' && caller.parties.includes('staff') ? (
              <Text className="pdetail__extension-text">请在下方同意或不同意；不同意时写明原因。</Text>
            ) : null}
          </View>
        ) : null}
        {p.rating ? <Row label="上报人评价" value={p.rating.comment ? `${p.rating.label}：${p.rating.comment}` : p.rating.label} /> : null}
        {caller.seconded ? <Text className="muted">您已附议这个问题</Text> : null}
      </View>

      {p.fixPhotos.length > 0 ? (
        <View className="card pdetail__fix">
          <Text className="section-title">{p.selfFixed ? '自查自处' : '处置结果'}</Text>
          <CloudPhotos fileIDs={p.fixPhotos} />
          {p.fixNote ? <Text className="pdetail__desc">{p.fixNote}</Text> : null}
          {p.fixedAt ? <Text className="muted">处置于 {formatDateTime(p.fixedAt)}</Text> : null}
        </View>
      ) : null}

      {actions.length > 0 ? (
        <View className="card pdetail__actions">
          {dispatchable ? (
            <FormField label="派给哪个处置单位" required hint="可多选，联合处置">
              <View className="pdetail__units">
                {unitOptions.map((u) => {
                  const on = unitIds.includes(u.unitId);
                  return (
                    <View
                      key={u.unitId}
                      className={`pdetail__unit ${on ? 'pdetail__unit--on' : ''}`}
                      onClick={() => setUnitIds(on ? unitIds.filter((x) => x !== u.unitId) : [...unitIds, u.unitId])}
                    >
                      <Text className="pdetail__unit-name">{u.name}</Text>
                      <Text className="pdetail__unit-kind">
                        {u.kindLabel}
                        {u.suggested ? ' · 推荐' : ''}
                      </Text>
                    </View>
                  );
                })}
              </View>
            </FormField>
          ) : null}
          {askPhotos ? (
            <FormField label={actions.some((a) => a.event === 'fix') ? '处置后的照片' : '核查照片（选填）'}>
              <PhotoPicker value={photos} onChange={setPhotos} folder={`problems/${problemId}/v${p.version}`} max={PROBLEM_PHOTOS_MAX} />
            </FormField>
          ) : null}
          {mayRate ? (
            <FormField label="对处置结果满意吗" required hint="只能评价一次，会计入满意率">
              <View className="pdetail__units">
                {PROBLEM_RATING_SCORES.map((k) => (
                  <View
                    key={k}
                    className={`pdetail__unit pdetail__score ${score === k ? 'pdetail__unit--on' : ''}`}
                    onClick={() => setScore(k)}
                  >
                    <Text className="pdetail__unit-name">{PROBLEM_RATING_LABELS[k]}</Text>
                  </View>
                ))}
              </View>
            </FormField>
          ) : null}
          {mayExtend && extensionRange ? (
            <FormField label="申请延期到" hint={`只能申请一次，最多延期 ${EXTENSION_MAX_DAYS} 天；同时在说明里写延期原因`}>
              <Picker
                mode="date"
                value={extensionDay || extensionRange.start}
                start={extensionRange.start}
                end={extensionRange.end}
                onChange={(e) => setExtensionDay(String(e.detail.value))}
              >
                <View className="form-field__picker pdetail__extension-day">
                  {extensionDay ? dayLabel(extensionDay) : '选择日期（申请延期时）'}
                </View>
              </Picker>
            </FormField>
          ) : null}
          {askNote ? (
            <FormField label="说明" hint={`${trimmed.length}/${PROBLEM_NOTE_MAX} 字`}>
              <FieldTextarea placeholder={noteHint} value={note} maxlength={PROBLEM_NOTE_MAX} onChange={setNote} />
            </FormField>
          ) : null}
          <View className="pdetail__buttons">
            {actions.map((a) => (
              <AsyncButton
                key={a.event}
                type={a.needsNote ? 'default' : 'primary'}
                // Ask only once the step can go: a missing reason or photo is said first.
                confirm={missing(a) ? undefined : CONFIRMS[a.event]}
                onClick={async () => {
                  const why = missing(a);
                  if (why) {
                    void Taro.showToast({ title: why, icon: 'none' });
                    return;
                  }
                  await run(a);
                }}
              >
                {a.event === 'verify_pass' ? '核查通过，销号' : a.event === 'verify_fail' ? '不通过，返工' : a.label}
              </AsyncButton>
            ))}
          </View>
        </View>
      ) : null}

      <View className="card">
        <Text className="section-title">处理进度</Text>
        <Timeline
          entries={timeline.map((e) => ({
            key: String(e.seq),
            title: e.unitNames.length > 0 ? `${e.label}：${e.unitNames.join('、')}` : `${e.label} · ${e.stateLabel}`,
            time: e.at,
            actor: e.actorLabel,
            note: e.note || undefined,
          }))}
        />
      </View>
    </AppPage>
  );
}
