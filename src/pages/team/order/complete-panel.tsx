import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { FieldTextarea, FormField } from '@/components/form-field';
import { PhotoPicker } from '@/components/photo-picker';
import { orderFn } from '@/contracts';
import { PHOTOS_MAX } from '@/domain/order/order.rules';
import { COMPLETION_SUMMARY_MAX } from '@/domain/service/service.rules';
import { callCloud } from '@/services/cloud';
import type { Act } from './act';

interface Props {
  orderId: string;
  version: number;
  /** Volunteers still checked in: completing checks them out now. */
  openSessions: number;
  act: Act;
}

/** 完成报告: the leader's summary and photos; completing confirms the hours and credits the points. */
export function CompletePanel({ orderId, version, openSessions, act }: Props) {
  const [summary, setSummary] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);

  const complete = () =>
    act(
      callCloud(orderFn, 'complete', {
        orderId,
        ...(summary.trim() ? { summary: summary.trim() } : {}),
        ...(photos.length ? { photos } : {}),
        expectedVersion: version,
        view: 'teamOrder',
      }),
    );

  return (
    <View className="card">
      <Text className="section-title torder__card-title">完成报告</Text>
      <FormField label="服务小结" hint={`最多 ${COMPLETION_SUMMARY_MAX} 字，居民和实践站会看到`}>
        <FieldTextarea
          value={summary}
          maxlength={COMPLETION_SUMMARY_MAX}
          placeholder="做了什么、结果如何、需要居民注意什么"
          onChange={setSummary}
        />
      </FormField>
      <FormField label="现场照片" hint={`最多 ${PHOTOS_MAX} 张，居民和实践站会看到`}>
        <PhotoPicker value={photos} onChange={setPhotos} folder={`reports/${orderId}`} />
      </FormField>
      {openSessions > 0 ? (
        <Text className="muted torder__hint">还有 {openSessions} 位队员未签退，完成服务时将按现在的时间自动签退。</Text>
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
  );
}
