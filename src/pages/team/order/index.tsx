import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { CloudPhotos } from '@/components/cloud-image';
import { FormField } from '@/components/form-field';
import { OrderTimelineCard } from '@/components/order-timeline';
import { PhotoPicker } from '@/components/photo-picker';
import { type LoadState, StateView } from '@/components/state-view';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/components/timeline';
import { teamFn } from '@/contracts';
import { NOTE_MAX, PHOTOS_MAX } from '@/domain/order/order.rules';
import type { TeamDetail } from '@/domain/team/team.views';
import { CloudCallError, callCloud, callCloudUntyped, errorMessage } from '@/services/cloud';
import type { OrderAction, OrderDetail, SessionView } from '../../station/shared/types';
import { windowText } from '../shared/order-row';
import { type WhoAmI, whoami } from '../shared/roles';
import { AssignPanel } from './assign-panel';
import './index.scss';

const CODE = /^\d{6}$/;
const SUMMARY_MAX = 300;

const pad2 = (n: number) => String(n).padStart(2, '0');
const dateOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
};
const timeOf = (ms: number) => {
  const d = new Date(ms);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};
/** "2025-03-05" + "11:30" in the phone's local time → ms. */
const at = (date: string, time: string) => {
  const [y = 0, mo = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(':').map(Number);
  return new Date(y, mo - 1, d, h, mi).getTime();
};

const CONFIRM_BY: Record<string, string> = {
  resident_code: '居民确认码',
  leader: '队长确认',
  leader_correction: '队长更正',
  completion: '完成时自动签退',
};

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="torder__row">
      <Text className="torder__label">{label}</Text>
      <Text className="torder__value">{value}</Text>
    </View>
  );
}

function Sessions({ sessions }: { sessions: SessionView[] }) {
  if (sessions.length === 0) return <Text className="muted">还没有人签到</Text>;
  return (
    <View className="sessions">
      {sessions.map((s) => (
        <View key={s.openid} className="sessions__item">
          <View className="sessions__head">
            <Text className="sessions__name">{s.displayName}</Text>
            <Text className="sessions__hours">{s.checkOutAt === null ? '服务中' : `${s.hours} 小时`}</Text>
          </View>
          <Text className="sessions__meta">
            签到 {formatDateTime(s.checkInAt)}（{CONFIRM_BY[s.checkInBy] ?? s.checkInBy}）
          </Text>
          <Text className="sessions__meta">
            {s.checkOutAt === null ? '未签退' : `签退 ${formatDateTime(s.checkOutAt)}（${CONFIRM_BY[s.checkOutBy ?? ''] ?? s.checkOutBy}）`}
          </Text>
          {s.correctionNote ? <Text className="sessions__meta">更正原因：{s.correctionNote}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** Team order: take / decline / grab, 签到 / 签退 (resident's code or the leader), 更正签退, 完成服务 with a report. */
export default function TeamOrderPage() {
  const { params } = useRouter();
  const orderId = params.orderId ?? '';
  const [state, setState] = useState<LoadState<OrderDetail>>({ status: 'loading' });
  const [me, setMe] = useState<WhoAmI | null>(null);
  const [team, setTeam] = useState<TeamDetail | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState('');
  const [code, setCode] = useState('');
  const [subject, setSubject] = useState<string>('');
  const [fix, setFix] = useState<{ openid: string; date: string; time: string; note: string } | null>(null);
  const [summary, setSummary] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);

  const load = useCallback(
    async (quiet = false) => {
      if (!quiet) setState({ status: 'loading' });
      try {
        const [detail, who] = await Promise.all([callCloudUntyped<OrderDetail>('order', { action: 'detail', orderId }), whoami()]);
        setState({ status: 'ready', data: detail });
        setMe(who);
        if (detail.order.teamId) {
          const t = await callCloud(teamFn, 'teamDetail', { teamId: detail.order.teamId }).catch(() => null);
          setTeam(t);
        }
      } catch (err) {
        setState({ status: 'error', message: errorMessage(err) });
      }
    },
    [orderId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  // weapp: the leader forwards the order to team members, who open it here to check in.
  useShareAppMessage(() => ({
    title: state.status === 'ready' ? `服务订单：${state.data.order.itemName}` : '服务订单',
    path: `/pages/team/order/index?orderId=${encodeURIComponent(orderId)}`,
  }));

  if (state.status !== 'ready') {
    return (
      <AppPage className="torder">
        <StateView
          loading={state.status === 'loading'}
          error={state.status === 'error' ? state.message : undefined}
          onRetry={() => void load()}
        />
      </AppPage>
    );
  }

  const { order, timeline, actions, sessions, grabTeams } = state.data;
  const has = (event: string) => actions.find((a) => a.event === event);
  const isLeader = Boolean(has('complete') || has('correct_check_out') || has('take') || team?.myRelation === 'leader');
  const myOpenid = me?.openid ?? '';
  const who = subject || myOpenid;
  const whoSession = sessions.find((s) => s.openid === who);
  const members = (team?.members ?? []).filter((m) => m.openid);
  const memberNames = members.map((m) => `${m.displayName}${m.isLeader ? '（队长）' : ''}${m.openid === myOpenid ? '（我）' : ''}`);
  const openSessions = sessions.filter((s) => s.checkOutAt === null);

  const after = async (p: Promise<unknown>) => {
    try {
      await p;
      setNote('');
      setCode('');
    } finally {
      await load(true);
    }
  };
  const transition = (a: OrderAction, extra: object = {}) =>
    after(callCloudUntyped('order', { action: 'transition', orderId, event: a.event, expectedVersion: order.version, ...extra }));
  // 退回 hands the order back to the station and closes it to this team: back to the inbox, which refreshes.
  const declineOrder = async (a: OrderAction) => {
    if (!note.trim()) {
      setNoteError('请先填写退回的理由');
      throw new CloudCallError('INPUT', '请先填写退回的理由');
    }
    try {
      await callCloudUntyped('order', { action: 'transition', orderId, event: a.event, expectedVersion: order.version, note: note.trim() });
    } catch (err) {
      await load(true);
      throw err;
    }
    if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
    else await Taro.redirectTo({ url: '/pages/team/index/index' });
  };
  const presence = (kind: 'checkIn' | 'checkOut') => {
    const typed = code.trim();
    if (typed && !CODE.test(typed)) return Promise.reject(new CloudCallError('INPUT', '确认码为 6 位数字'));
    if (!typed && !isLeader) return Promise.reject(new CloudCallError('INPUT', '请输入居民出示的 6 位确认码'));
    return after(
      callCloudUntyped('order', {
        action: kind,
        orderId,
        ...(typed ? { code: typed } : {}),
        ...(isLeader && who && who !== myOpenid ? { volunteerOpenid: who } : {}),
      }),
    );
  };
  const correct = () => {
    if (!fix) return Promise.resolve();
    return after(
      callCloudUntyped('order', {
        action: 'correctCheckOut',
        orderId,
        volunteerOpenid: fix.openid,
        at: at(fix.date, fix.time),
        note: fix.note.trim(),
        expectedVersion: order.version,
      }),
    ).then(() => setFix(null));
  };
  const complete = () =>
    after(
      callCloudUntyped('order', {
        action: 'complete',
        orderId,
        ...(summary.trim() ? { summary: summary.trim() } : {}),
        ...(photos.length ? { photos } : {}),
        expectedVersion: order.version,
      }),
    );

  const take = has('take');
  const decline = has('decline');
  const grab = has('grab');
  const checkIn = has('check_in');
  const checkOut = has('check_out');
  const correctAction = has('correct_check_out');
  const completeAction = has('complete');
  const assignAction = has('assign');

  return (
    <AppPage className="torder">
      <View className="card">
        <View className="torder__head">
          <Text className="torder__title">{order.itemName}</Text>
          <StatusTag state={order.state} overdue={order.overdue} />
        </View>
        <Text className="torder__desc">{order.description}</Text>
        <Row
          label="地址"
          value={order.room && !order.addressText.includes(order.room) ? `${order.addressText} ${order.room}` : order.addressText}
        />
        <Row label="居民" value={order.requesterName || '—'} />
        <Row label="联系电话" value={order.contactPhone} />
        <Row label="期望时间" value={windowText(order.preferredWindow)} />
        {order.formAnswers.map((a) => (
          <Row key={a.key} label={a.label} value={a.text} />
        ))}
        {order.teamName ? <Row label="服务队伍" value={order.teamName} /> : null}
        {order.state === 'dispatched' ? <Row label="接单截止" value={formatDateTime(order.responseDeadline)} /> : null}
        {order.serviceHours ? <Row label="服务时长" value={`${order.serviceHours} 小时`} /> : null}
        <Row label="订单号" value={order.orderId} />
        {order.photos.length > 0 ? <CloudPhotos fileIDs={order.photos} /> : null}
      </View>

      {take || decline ? (
        <View className="card">
          {take ? (
            <AsyncButton className="torder__button" successToast="已接单" onClick={() => transition(take)}>
              接单
            </AsyncButton>
          ) : null}
          {decline ? (
            <>
              <FormField label="退回的理由" required error={noteError} hint="实践站会看到这段说明，并改派其他队伍">
                <Textarea
                  className="form-field__textarea"
                  value={note}
                  maxlength={NOTE_MAX}
                  placeholder="例如：本周队员都不在，无法按时服务"
                  onInput={(e) => {
                    setNote(e.detail.value);
                    setNoteError('');
                  }}
                />
              </FormField>
              <AsyncButton
                className="torder__button"
                type="warn"
                confirm={
                  note.trim()
                    ? { title: '退回订单', content: '退回后订单回到实践站重新派单。确定退回吗？', confirmText: '确定退回' }
                    : undefined
                }
                successToast="已退回"
                onClick={() => declineOrder(decline)}
              >
                退回
              </AsyncButton>
            </>
          ) : null}
        </View>
      ) : null}

      {grab ? (
        <View className="card">
          {(grabTeams.length > 1 ? grabTeams : [undefined]).map((t) => (
            <AsyncButton
              key={t?.teamId ?? 'only'}
              className="torder__button"
              successToast="抢单成功"
              onClick={() =>
                // No expectedVersion: a lost race reads the server's 手慢了… message.
                after(callCloudUntyped('order', { action: 'transition', orderId, event: 'grab', ...(t ? { teamId: t.teamId } : {}) }))
              }
            >
              {t ? `以「${t.name}」抢单` : '抢单'}
            </AsyncButton>
          ))}
        </View>
      ) : null}

      {['taken', 'in_service'].includes(order.state) ? (
        <AssignPanel
          assignees={order.assignees}
          members={members.map((m, i) => ({ openid: m.openid as string, label: memberNames[i] ?? m.displayName }))}
          onAssign={
            assignAction
              ? (memberOpenids) =>
                  after(callCloudUntyped('order', { action: 'assign', orderId, memberOpenids, expectedVersion: order.version }))
              : undefined
          }
        />
      ) : null}

      {checkIn || checkOut || sessions.length > 0 ? (
        <View className="card">
          <Text className="section-title torder__card-title">签到 / 签退</Text>
          <Sessions sessions={sessions} />
          {checkIn || checkOut ? (
            <View className="torder__presence">
              {isLeader && members.length > 0 ? (
                <Picker
                  mode="selector"
                  range={memberNames}
                  value={Math.max(
                    0,
                    members.findIndex((m) => m.openid === who),
                  )}
                  onChange={(e) => setSubject(members[Number(e.detail.value)]?.openid ?? '')}
                >
                  <FormField label="为谁签到 / 签退" inline>
                    <Text className="form-field__picker">{memberNames[members.findIndex((m) => m.openid === who)] ?? '我'} ▾</Text>
                  </FormField>
                </Picker>
              ) : null}
              <FormField
                label="居民确认码"
                required={!isLeader}
                hint={isLeader ? '请居民出示 6 位确认码；队长也可以不填，由您确认' : '请居民出示订单上的 6 位确认码'}
              >
                <Input
                  className="form-field__input"
                  type="number"
                  maxlength={6}
                  value={code}
                  placeholder="6 位数字"
                  onInput={(e) => setCode(e.detail.value)}
                />
              </FormField>
              {checkIn && !whoSession ? (
                <AsyncButton className="torder__button" successToast="已签到" onClick={() => presence('checkIn')}>
                  {code.trim() ? '凭确认码签到' : isLeader ? '队长确认签到' : '签到'}
                </AsyncButton>
              ) : null}
              {checkOut && whoSession && whoSession.checkOutAt === null ? (
                <AsyncButton className="torder__button" successToast="已签退" onClick={() => presence('checkOut')}>
                  {code.trim() ? '凭确认码签退' : isLeader ? '队长确认签退' : '签退'}
                </AsyncButton>
              ) : null}
              {whoSession && whoSession.checkOutAt !== null ? <Text className="muted">本次服务已签退</Text> : null}
            </View>
          ) : null}
        </View>
      ) : null}

      {correctAction && sessions.length > 0 ? (
        <View className="card">
          <Text className="section-title torder__card-title">更正签退</Text>
          {fix === null ? (
            <>
              <Text className="muted torder__hint">队员忘记签退或签退时间有误时，由队长填写实际签退时间和原因，记录在订单进度中。</Text>
              <AsyncButton
                type="default"
                className="torder__button"
                onClick={() => {
                  const s = openSessions[0] ?? sessions[0];
                  if (s) setFix({ openid: s.openid, date: dateOf(Date.now()), time: timeOf(Date.now()), note: '' });
                }}
              >
                更正签退…
              </AsyncButton>
            </>
          ) : (
            <>
              <Picker
                mode="selector"
                range={sessions.map((s) => s.displayName)}
                value={Math.max(
                  0,
                  sessions.findIndex((s) => s.openid === fix.openid),
                )}
                onChange={(e) => setFix({ ...fix, openid: sessions[Number(e.detail.value)]?.openid ?? fix.openid })}
              >
                <FormField label="队员" inline>
                  <Text className="form-field__picker">{sessions.find((s) => s.openid === fix.openid)?.displayName} ▾</Text>
                </FormField>
              </Picker>
              <Picker mode="date" value={fix.date} onChange={(e) => setFix({ ...fix, date: e.detail.value })}>
                <FormField label="签退日期" inline>
                  <Text className="form-field__picker">{fix.date} ▾</Text>
                </FormField>
              </Picker>
              <Picker mode="time" value={fix.time} onChange={(e) => setFix({ ...fix, time: e.detail.value })}>
                <FormField label="签退时间" inline>
                  <Text className="form-field__picker">{fix.time} ▾</Text>
                </FormField>
              </Picker>
              <FormField label="更正原因" required>
                <Textarea
                  className="form-field__textarea"
                  value={fix.note}
                  maxlength={NOTE_MAX}
                  placeholder="例如：队员离开时忘记签退，按实际离开时间更正"
                  onInput={(e) => setFix({ ...fix, note: e.detail.value })}
                />
              </FormField>
              <AsyncButton
                className="torder__button"
                disabled={!fix.note.trim()}
                confirm={{
                  title: '更正签退',
                  content: '更正会记录在订单进度中，居民和实践站都能看到。确定更正吗？',
                  confirmText: '确定更正',
                }}
                successToast="已更正"
                onClick={correct}
              >
                确认更正
              </AsyncButton>
              <AsyncButton type="default" className="torder__button" onClick={() => setFix(null)}>
                取消
              </AsyncButton>
            </>
          )}
        </View>
      ) : null}

      {completeAction ? (
        <View className="card">
          <Text className="section-title torder__card-title">完成报告</Text>
          <FormField label="服务小结" hint={`最多 ${SUMMARY_MAX} 字，居民和实践站会看到`}>
            <Textarea
              className="form-field__textarea"
              value={summary}
              maxlength={SUMMARY_MAX}
              placeholder="做了什么、结果如何、需要居民注意什么"
              onInput={(e) => setSummary(e.detail.value)}
            />
          </FormField>
          <FormField label="现场照片" hint={`最多 ${PHOTOS_MAX} 张，居民和实践站会看到`}>
            <PhotoPicker value={photos} onChange={setPhotos} folder={`reports/${orderId}`} />
          </FormField>
          {openSessions.length > 0 ? (
            <Text className="muted torder__hint">还有 {openSessions.length} 位队员未签退，完成服务时将按现在的时间自动签退。</Text>
          ) : null}
          <AsyncButton
            className="torder__button"
            confirm={{
              title: '完成服务',
              content: '完成后服务时长将被确认并计入积分，居民会收到评价邀请。确定完成吗？',
              confirmText: '确定完成',
            }}
            successToast="已完成服务"
            onClick={complete}
          >
            完成服务
          </AsyncButton>
        </View>
      ) : null}

      {order.report ? (
        <View className="card">
          <Text className="section-title torder__card-title">服务小结</Text>
          <Text className="torder__desc">{order.report.summary || '（未填写）'}</Text>
          {order.report.photos.length > 0 ? <CloudPhotos fileIDs={order.report.photos} /> : null}
        </View>
      ) : null}

      <OrderTimelineCard timeline={timeline} />
    </AppPage>
  );
}
