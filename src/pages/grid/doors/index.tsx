import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FieldTextarea, FormField } from '@/components/form-field';
import { PhotoPicker } from '@/components/photo-picker';
import { LoadPlaceholder } from '@/components/state-view';
import { gridFn } from '@/contracts';
import { KNOCK_RESULT_LABELS, KNOCK_RESULTS, type KnockResult, OPINION_MAX, ROOM_MAX } from '@/domain/grid/grid.rules';
import type { KnockBuildingView, VisitRow } from '@/domain/grid/grid.views';
import { PROBLEM_PHOTOS_MAX } from '@/domain/problem/problem.rules';
import { newRequestId } from '@/domain/shared/request-id';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { percent, problemDetailUrl, shortTime } from '../shared/format';
import '../shared/grid.scss';

/** 转为问题上报: the opinion, pre-filled, at this building and room; the reporter picks a category and takes a photo. */
function ConvertOpinion({
  visit,
  categories,
  announcementId,
  onDone,
}: {
  visit: VisitRow;
  categories: KnockBuildingView['categories'];
  announcementId: string | undefined;
  onDone: (view: KnockBuildingView, problemId: string) => void;
}) {
  const [categoryId, setCategoryId] = useState('');
  const [description, setDescription] = useState(visit.opinion);
  const [photos, setPhotos] = useState<string[]>([]);
  const folder = useRef(`problems/${newRequestId()}`);
  const submit = async () => {
    if (!categoryId) return void Taro.showToast({ title: '请选择问题类别', icon: 'none' });
    if (photos.length === 0) return void Taro.showToast({ title: '请拍一张现场照片', icon: 'none' });
    const answer = await callCloud(gridFn, 'opinionToProblem', {
      visitId: visit.visitId,
      categoryId,
      photos,
      ...(announcementId ? { announcementId } : {}),
      ...(description.trim() && description.trim() !== visit.opinion ? { description: description.trim() } : {}),
    });
    void Taro.showToast({ title: '已上报，等待社区立案', icon: 'success' });
    onDone(answer.building, answer.problemId);
  };
  return (
    <View className="grid__convert">
      <FormField label="问题类别" required>
        <View className="grid__chips">
          {categories.map((c) => (
            <Text
              key={c.categoryId}
              className={`grid__chip ${c.categoryId === categoryId ? 'grid__chip--on' : ''}`}
              onClick={() => setCategoryId(c.categoryId)}
            >
              {c.name}
            </Text>
          ))}
        </View>
      </FormField>
      <FormField label="问题描述" hint="已填入走访时收集的意见，可修改">
        <FieldTextarea value={description} maxlength={500} onChange={setDescription} />
      </FormField>
      <FormField label="现场照片" required>
        <PhotoPicker value={photos} onChange={setPhotos} folder={folder.current} max={PROBLEM_PHOTOS_MAX} />
      </FormField>
      <AsyncButton type="primary" onClick={submit}>
        上报这个问题
      </AsyncButton>
    </View>
  );
}

/** 敲门走访 of one building: record a visit per household (room), see each household's latest result and 入户率; with an announcement, who already knows it. */
export default function DoorsPage() {
  const { params } = useRouter();
  const buildingId = params.buildingId ? decodeURIComponent(params.buildingId) : '';
  const announcementId = params.announcementId ? decodeURIComponent(params.announcementId) : undefined;
  const { state, setState, reload } = useCloudLoad(
    () => callCloud(gridFn, 'knockBuilding', { buildingId, ...(announcementId ? { announcementId } : {}) }),
    [buildingId, announcementId],
  );
  const [room, setRoom] = useState(params.room ? decodeURIComponent(params.room) : '');
  const [result, setResult] = useState<KnockResult>('reached');
  const [opinion, setOpinion] = useState('');
  const [converting, setConverting] = useState<string | null>(null);
  const requestId = useRef(newRequestId());

  if (state.status !== 'ready') {
    return (
      <AppPage className="doors grid">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const v = state.data;
  const show = (view: KnockBuildingView) => setState({ status: 'ready', data: view });

  const save = async () => {
    if (!room.trim()) return void Taro.showToast({ title: '请填写或点选房号', icon: 'none' });
    const view = await callCloud(gridFn, 'knock', {
      requestId: requestId.current,
      buildingId,
      room: room.trim(),
      result,
      ...(v.announcement ? { announcementId: v.announcement.id } : {}),
      ...(opinion.trim() ? { opinion: opinion.trim() } : {}),
    });
    requestId.current = newRequestId();
    show(view);
    setRoom('');
    setOpinion('');
    setResult('reached');
    void Taro.showToast({ title: `${room.trim()} 已记录`, icon: 'success' });
  };

  const pickRoom = (r: string) => {
    setRoom(r);
    void Taro.pageScrollTo({ selector: '.doors .doors__form', offsetTop: -24, duration: 200 }).catch(() => undefined);
  };

  const aware = v.announcement?.awareness;
  return (
    <AppPage className="doors grid">
      <View className="card grid__head">
        <Text className="grid__title">
          {v.estateName} {v.buildingName}
        </Text>
        <View className="grid__numbers">
          <View className="grid__number">
            <Text className="grid__number-value grid__number-value--red">{percent(v.reach.rate)}</Text>
            <Text className="grid__number-label">入户率</Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value">{v.reach.reached}</Text>
            <Text className="grid__number-label">已宣传户</Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value">{v.reach.visited}</Text>
            <Text className="grid__number-label">已走访户</Text>
          </View>
          <View className="grid__number">
            <Text className="grid__number-value">{v.reach.households}</Text>
            <Text className="grid__number-label">总户数</Text>
          </View>
        </View>
      </View>

      {v.announcement && aware ? (
        <View className="card grid__head doors__announcement">
          <Text className="grid__row-title">宣传公告：{v.announcement.title}</Text>
          <Text className="muted">按户统计：应用内已读、敲门宣传，合计不重复</Text>
          <View className="grid__numbers">
            <View className="grid__number">
              <Text className="grid__number-value">{aware.read}</Text>
              <Text className="grid__number-label">已读户</Text>
            </View>
            <View className="grid__number">
              <Text className="grid__number-value">{aware.door}</Text>
              <Text className="grid__number-label">敲门宣传户</Text>
            </View>
            <View className="grid__number">
              <Text className="grid__number-value grid__number-value--red">{percent(aware.rate)}</Text>
              <Text className="grid__number-label">
                合计知晓 {aware.either}/{aware.households} 户
              </Text>
            </View>
          </View>
        </View>
      ) : null}

      <View className="grid__columns">
        <View className="grid__column">
          <View className="card doors__form">
            <FormField label="房号" required hint="可在下方住户列表点选">
              <FieldInput placeholder="例如：2单元301" value={room} maxlength={ROOM_MAX} onChange={setRoom} />
            </FormField>
            <FormField label="走访结果" required>
              <View className="grid__chips">
                {KNOCK_RESULTS.map((r) => (
                  <Text key={r} className={`grid__chip ${r === result ? 'grid__chip--on' : ''}`} onClick={() => setResult(r)}>
                    {KNOCK_RESULT_LABELS[r]}
                  </Text>
                ))}
              </View>
            </FormField>
            <FormField label="收集的意见" hint={`居民反映的问题或建议，可一键转为问题上报（${opinion.trim().length}/${OPINION_MAX} 字）`}>
              <FieldTextarea placeholder="例如：楼道灯坏了好几天" value={opinion} maxlength={OPINION_MAX} onChange={setOpinion} />
            </FormField>
            <AsyncButton type="primary" onClick={save}>
              记下这次走访
            </AsyncButton>
          </View>

          <Text className="section-title">走访记录</Text>
          <View className="card">
            {v.visits.length === 0 ? (
              <Text className="muted">还没有走访记录</Text>
            ) : (
              v.visits.map((visit) => (
                <View key={visit.visitId} className="doors__visit">
                  <View className="grid__row">
                    <View className="grid__row-main">
                      <Text className="grid__row-title">{visit.room}</Text>
                      <Text className="grid__row-sub">
                        {shortTime(visit.at)} · {visit.byName}
                        {visit.announcementTitle ? ` · 讲解「${visit.announcementTitle}」` : ''}
                      </Text>
                      {visit.opinion ? <Text className="grid__opinion">意见：{visit.opinion}</Text> : null}
                      {visit.problemId ? (
                        <Text className="grid__link" onClick={() => Taro.navigateTo({ url: problemDetailUrl(visit.problemId as string) })}>
                          已转为问题上报，查看进度 ›
                        </Text>
                      ) : visit.opinion && v.categories.length > 0 && converting !== visit.visitId ? (
                        <Text className="grid__link doors__convert" onClick={() => setConverting(visit.visitId)}>
                          转为问题上报 ›
                        </Text>
                      ) : null}
                    </View>
                    <Text className={`grid__tag grid__tag--${visit.result}`}>{visit.resultLabel}</Text>
                  </View>
                  {!visit.problemId && converting === visit.visitId ? (
                    <ConvertOpinion
                      visit={visit}
                      categories={v.categories}
                      announcementId={v.announcement?.id}
                      onDone={(view) => {
                        setConverting(null);
                        show(view);
                      }}
                    />
                  ) : null}
                </View>
              ))
            )}
          </View>
        </View>

        <View className="grid__column">
          <Text className="section-title">住户（{v.households.length} 户）</Text>
          <View className="card">
            {v.households.map((h) => (
              <View key={h.room} className="grid__row doors__household" onClick={() => pickRoom(h.room)}>
                <View className="grid__row-main">
                  <Text className="grid__row-title">{h.room}</Text>
                  <Text className="grid__row-sub">
                    {h.names.length > 0 ? h.names.join('、') : v.showsNames ? '未绑定的住户' : '住户'}
                    {h.visits > 0 ? ` · 走访 ${h.visits} 次${h.latestAt ? `，最近 ${shortTime(h.latestAt)}` : ''}` : ''}
                  </Text>
                  {v.announcement ? (
                    <View className="grid__badges">
                      <Text className={`grid__badge ${h.readInApp ? '' : 'grid__badge--off'}`}>{h.readInApp ? '已读' : '未读'}</Text>
                      <Text className={`grid__badge ${h.toldAtDoor ? '' : 'grid__badge--off'}`}>
                        {h.toldAtDoor ? '已上门宣传' : '未上门'}
                      </Text>
                    </View>
                  ) : null}
                </View>
                <Text className={`grid__tag grid__tag--${h.latest ?? 'none'}`}>{h.latestLabel}</Text>
              </View>
            ))}
          </View>
          <Text className="grid__hint">住户名单仅用于本楼栋走访宣传</Text>
        </View>
      </View>
    </AppPage>
  );
}
