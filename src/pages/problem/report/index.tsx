import { Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FieldTextarea, FormField } from '@/components/form-field';
import { PhotoPicker } from '@/components/photo-picker';
import { LoadPlaceholder } from '@/components/state-view';
import { problemFn } from '@/contracts';
import { PLACE_TEXT_MAX, PROBLEM_DESCRIPTION_MAX, PROBLEM_DESCRIPTION_MIN, PROBLEM_PHOTOS_MAX } from '@/domain/problem/problem.rules';
import type { ProblemSummary } from '@/domain/problem/problem.views';
import { newRequestId } from '@/domain/shared/request-id';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import { detailUrl, ProblemCard } from '../shared/problem-card';
import './index.scss';

const BINDING_PAGE = '/pages/mine/binding/index';

/** 随手拍: a resident or building head reports a problem at their building; a building head may 自查自处. */
export default function ReportProblemPage() {
  const { state: setup, reload } = useCloudLoad(() => callCloud(problemFn, 'reportSetup', {}), []);
  const [categoryId, setCategoryId] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [placeText, setPlaceText] = useState('');
  const [placeId, setPlaceId] = useState('');
  const [selfFix, setSelfFix] = useState(false);
  const [afterPhotos, setAfterPhotos] = useState<string[]>([]);
  const [duplicates, setDuplicates] = useState<ProblemSummary[] | null>(null);
  // One request id per form: a retried submit answers the same problem, never a second one.
  const requestId = useRef(newRequestId());

  if (setup.status !== 'ready') {
    return (
      <AppPage className="report">
        <LoadPlaceholder state={setup} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const { categories, place, places, canSelfFix, blocked } = setup.data;
  if (blocked || (!place && places.length === 0)) {
    return (
      <AppPage className="report">
        <View className="card report__blocked">
          <Text className="report__blocked-title">暂时不能随手拍</Text>
          <Text className="report__blocked-text">{blocked ?? '请先绑定所住楼栋'}</Text>
          <AsyncButton onClick={() => Taro.navigateTo({ url: BINDING_PAGE })}>查看楼栋绑定</AsyncButton>
        </View>
      </AppPage>
    );
  }

  const problemOf = (): string | null => {
    if (!place && !placeId) return '请选择问题所在的小区';
    if (!categoryId) return '请选择问题类别';
    if (description.trim().length < PROBLEM_DESCRIPTION_MIN) return `请用至少 ${PROBLEM_DESCRIPTION_MIN} 个字说明问题`;
    if (photos.length === 0) return '请至少拍一张现场照片';
    if (selfFix && afterPhotos.length === 0) return '自查自处请拍一张处理后的照片';
    return null;
  };

  const submit = async (confirmNew = false) => {
    const problem = problemOf();
    if (problem) {
      void Taro.showToast({ title: problem, icon: 'none' });
      return;
    }
    const answer = await callCloud(problemFn, 'report', {
      requestId: requestId.current,
      categoryId,
      description: description.trim(),
      photos,
      ...(!place && placeId ? { placeId } : {}),
      ...(placeText.trim() ? { placeText: placeText.trim() } : {}),
      ...(confirmNew ? { confirmNew: true } : {}),
      ...(selfFix ? { selfFix: { photos: afterPhotos } } : {}),
    });
    if (!answer.filed) {
      setDuplicates(answer.duplicates);
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 });
      return;
    }
    void Taro.showToast({ title: answer.selfFixed ? '已自查自处并销号' : '已上报，等待社区立案', icon: 'success' });
    await Taro.redirectTo({ url: detailUrl(answer.problemId) });
  };

  const second = async (problemId: string) => {
    await callCloud(problemFn, 'second', { problemId, photos: photos.slice(0, 1) });
    void Taro.showToast({ title: '已附议，谢谢您', icon: 'success' });
    await Taro.redirectTo({ url: detailUrl(problemId) });
  };

  const count = description.trim().length;
  return (
    <AppPage className="report">
      {duplicates ? (
        <View className="card report__dupes">
          <Text className="report__dupes-title">附近已有人上报了同类问题</Text>
          <Text className="muted">如果是同一个问题，点「附议」就行，不用重复上报；社区会看到附议人数。</Text>
          {duplicates.map((p) => (
            <View key={p.problemId} className="report__dupe">
              <ProblemCard problem={p} />
              <AsyncButton size="small" onClick={() => second(p.problemId)}>
                附议这个问题
              </AsyncButton>
            </View>
          ))}
          <AsyncButton type="default" onClick={() => submit(true)}>
            不是同一个问题，仍要上报
          </AsyncButton>
        </View>
      ) : null}

      <View className="card report__form">
        <FormField
          label="位置"
          required={!place}
          hint={place ? '位置来自您的楼栋，可补充具体地点' : '选问题所在的小区（您队伍的服务范围），再补充具体地点'}
        >
          {place ? (
            <Text className="report__place">
              {place.estateName} {place.buildingName}
            </Text>
          ) : (
            <View className="report__chips">
              {places.map((x) => (
                <View
                  key={x.placeId}
                  className={`report__chip ${x.placeId === placeId ? 'report__chip--on' : ''}`}
                  onClick={() => {
                    setPlaceId(x.placeId);
                    setDuplicates(null);
                  }}
                >
                  <Text>{x.label}</Text>
                </View>
              ))}
            </View>
          )}
          <FieldInput placeholder="例如：2单元一楼楼道" value={placeText} maxlength={PLACE_TEXT_MAX} onChange={setPlaceText} />
        </FormField>

        <FormField label="问题类别" required>
          <View className="report__chips">
            {categories.map((c) => (
              <View
                key={c.categoryId}
                className={`report__chip ${c.categoryId === categoryId ? 'report__chip--on' : ''}`}
                onClick={() => {
                  setCategoryId(c.categoryId);
                  setDuplicates(null);
                }}
              >
                <Text>{c.name}</Text>
              </View>
            ))}
          </View>
          {categoryId ? <Text className="muted">{categories.find((c) => c.categoryId === categoryId)?.deadlineLabel}</Text> : null}
        </FormField>

        <FormField label="问题描述" required hint={`${count}/${PROBLEM_DESCRIPTION_MAX} 字，至少 ${PROBLEM_DESCRIPTION_MIN} 个字`}>
          <FieldTextarea
            placeholder="说说看到了什么，例如：楼道里堆了旧家具，挡住了通道"
            value={description}
            maxlength={PROBLEM_DESCRIPTION_MAX}
            onChange={setDescription}
          />
        </FormField>

        <FormField label={`现场照片（1–${PROBLEM_PHOTOS_MAX} 张）`} required>
          <PhotoPicker value={photos} onChange={setPhotos} folder={`problems/${requestId.current}`} max={PROBLEM_PHOTOS_MAX} />
        </FormField>

        {canSelfFix ? (
          <FormField label="自查自处" hint="小事不出楼栋：已经当场处理好的，拍一张处理后的照片，直接销号">
            <Switch checked={selfFix} color="#c8161d" onChange={(e) => setSelfFix(e.detail.value)} />
            {selfFix ? (
              <PhotoPicker
                value={afterPhotos}
                onChange={setAfterPhotos}
                folder={`problems/${requestId.current}/after`}
                max={PROBLEM_PHOTOS_MAX}
              />
            ) : null}
          </FormField>
        ) : null}
      </View>

      <View className="report__submit">
        <AsyncButton type="primary" onClick={() => submit(false)}>
          {selfFix ? '上报并销号' : '提交随手拍'}
        </AsyncButton>
        <Text className="muted report__tip">社区会尽快立案并派给物业或相关部门处理，进度可在「我的随手拍」查看。</Text>
      </View>
    </AppPage>
  );
}
