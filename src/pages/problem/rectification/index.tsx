import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { CloudPhotos } from '@/components/cloud-image';
import { LoadPlaceholder } from '@/components/state-view';
import { problemFn } from '@/contracts';
import { chinaDateLabel } from '@/domain/problem/ledger.views';
import { useCloudLoad } from '@/hooks';
import { callCloud } from '@/services/cloud';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className="notice__line">
      <Text className="notice__label">{label}</Text>
      <Text className="notice__value">{value}</Text>
    </View>
  );
}

/**
 * 整改通知单 for one dispatched problem, laid out as the paper a station hands a property company
 * or a department: print it on a desk (H5: 打印), or screenshot and forward it in WeChat.
 */
export default function RectificationNoticePage() {
  const { params } = useRouter();
  const problemId = params.problemId ?? '';
  const unitId = params.unitId;
  const { state, reload } = useCloudLoad(
    () => callCloud(problemFn, 'rectificationNotice', { problemId, ...(unitId ? { unitId } : {}) }),
    [problemId, unitId],
  );
  if (state.status !== 'ready') {
    return (
      <AppPage className="notice">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  const n = state.data;
  return (
    <AppPage className="notice">
      <View className="notice__paper">
        <Text className="notice__title">整改通知单</Text>
        <Text className="notice__no">编号：{n.no}</Text>
        <Text className="notice__to">{n.unitName}：</Text>
        <Text className="notice__lead">
          经核查，{n.placeLabel}存在以下问题（{n.categoryName}），请按要求限期整改。
        </Text>
        <Line label="位置" value={n.placeLabel} />
        <Line label="问题描述" value={n.description} />
        {n.unitNames.length > 1 ? <Line label="联合处置" value={n.unitNames.join('、')} /> : null}
        <Line label="整改期限" value={n.deadlineLabel} />
        {n.photos.length > 0 ? (
          <View className="notice__photos">
            <Text className="notice__label">现场照片</Text>
            <CloudPhotos fileIDs={n.photos} />
          </View>
        ) : null}
        <View className="notice__reqs">
          <Text className="notice__label">整改要求</Text>
          {n.requirements.map((r, i) => (
            <Text key={r} className="notice__req">
              {i + 1}. {r}
            </Text>
          ))}
        </View>
        <View className="notice__sign">
          <Text className="notice__issuer">发出单位：{n.issuer}</Text>
          <Text className="notice__date">{chinaDateLabel(n.issuedAt)}</Text>
        </View>
        <View className="notice__receipt">
          <Text>签收人：______________　　签收日期：______________</Text>
        </View>
      </View>
      <View className="notice__actions">
        {IS_H5 ? (
          <AsyncButton className="notice__print" onClick={() => window.print()}>
            打印通知单
          </AsyncButton>
        ) : (
          <Text className="notice__hint">请截图后转发给处置单位，或在电脑版微信中打开后打印。</Text>
        )}
        <Text className="notice__hint">当前状态：{n.stateLabel}。处置单位整改后在「待处置问题」中上传照片，社区核查后销号。</Text>
      </View>
    </AppPage>
  );
}
