import { Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FieldTextarea, FormField, scrollToFirstError } from '@/components/form-field';
import { ItemFormFields } from '@/components/item-form-fields';
import { PhotoPicker } from '@/components/photo-picker';
import { LoadPlaceholder } from '@/components/state-view';
import { orderFn } from '@/contracts';
import { answersPayload, checkFormAnswers } from '@/domain/catalog/item-form';
import { DESCRIPTION_MAX, DESCRIPTION_MIN, PHOTOS_MAX, ROOM_MAX } from '@/domain/order/order.rules';
import type { OrderFormView } from '@/domain/order/screen.views';
import { ErrorCode } from '@/domain/shared/domain-error';
import { newRequestId } from '@/domain/shared/request-id';
import { useCloudLoad } from '@/hooks';
import { CloudCallError, callCloud } from '@/services/cloud';
import { dateLabel, dateRange, defaultWindow, descriptionExample, type OrderFormErrors, toMs, validateOrderForm } from './form';
import './index.scss';

const BINDING_PAGE = '/pages/mine/binding/index';

function decoded(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** 点单 form; with `residentOpenid` it is the building head's 代点单 for that resident. */
export default function CreateOrderPage() {
  const { params } = useRouter();
  const itemId = params.itemId ?? '';
  const categoryId = params.categoryId ?? '';
  const residentOpenid = params.residentOpenid ?? '';
  const residentLabel = decoded(params.who);
  /** 代点单: the resident's address as the order will carry it (社区 小区 楼栋 房号). */
  const residentAddress = decoded(params.address);
  const proxy = residentOpenid !== '';

  const first = useMemo(() => defaultWindow(Date.now()), []);
  const range = useMemo(() => dateRange(Date.now()), []);
  const [description, setDescription] = useState('');
  const [date, setDate] = useState(first.date);
  const [start, setStart] = useState(first.start);
  const [end, setEnd] = useState(first.end);
  const [room, setRoom] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [errors, setErrors] = useState<OrderFormErrors>({});
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [answerErrors, setAnswerErrors] = useState<Record<string, string>>({});
  // One request id per form: a retry after a timeout answers the same order, never a second one.
  const requestId = useRef(newRequestId());

  // One call: the item with its own form and (not for 代点单) the caller's binding, whose room fills the form.
  const { state: setup, reload: load } = useCloudLoad(async (): Promise<OrderFormView> => {
    const view = await callCloud(orderFn, 'form', { categoryId, itemId, ...(proxy ? { forResident: true } : {}) });
    if (view.binding?.room) setRoom(view.binding.room);
    // The caller's own number (last used, else registered): theirs to see, one less thing to type.
    if (view.contactPhone) setContactPhone((typed) => typed || (view.contactPhone ?? ''));
    return view;
  }, [categoryId, itemId, proxy]);

  const submit = async () => {
    const found = validateOrderForm({ description, date, start, end, contactPhone }, Date.now());
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // The fields themselves say what is wrong (red, with the reason); bring the first one into view.
      scrollToFirstError('create');
      void Taro.showToast({ title: Object.values(found)[0] ?? '请检查填写内容', icon: 'none' });
      return;
    }
    const form = setup.status === 'ready' ? (setup.data.item.form ?? []) : [];
    const payload = answersPayload(form, answers);
    const checked = checkFormAnswers(form, payload);
    setAnswerErrors(checked.ok ? {} : { [checked.key]: checked.message });
    if (!checked.ok) {
      scrollToFirstError('create');
      void Taro.showToast({ title: checked.message, icon: 'none' });
      return;
    }
    const data = {
      itemId,
      ...(Object.keys(payload).length > 0 ? { answers: payload } : {}),
      description: description.trim(),
      preferredWindow: { start: toMs(date, start), end: toMs(date, end) },
      contactPhone: contactPhone.trim(),
      ...(photos.length > 0 ? { photos } : {}),
      ...(!proxy && room.trim() ? { room: room.trim() } : {}),
      requestId: requestId.current,
    };
    try {
      const result = proxy
        ? await callCloud(orderFn, 'proxyCreate', { ...data, residentOpenid })
        : await callCloud(orderFn, 'create', data);
      void Taro.showToast({ title: result.duplicate ? '订单已提交过' : '点单成功', icon: 'success' });
      const url = proxy ? '/pages/order/list/index?placed=1' : '/pages/order/list/index?tab=waiting';
      await Taro.redirectTo({ url });
    } catch (err) {
      // The binding changed under us (e.g. rejected meanwhile): show the explanation instead of the form.
      if (err instanceof CloudCallError && err.code === ErrorCode.BindingRequired && !proxy) void load();
      throw err;
    }
  };

  if (setup.status !== 'ready') {
    return (
      <AppPage className="create">
        <LoadPlaceholder state={setup} onRetry={() => void load()} />
      </AppPage>
    );
  }

  const { item, binding, descriptionExample: example } = setup.data;
  if (!proxy && binding?.binding !== 'confirmed') {
    const why =
      binding?.binding === 'pending'
        ? `您申请绑定「${binding.buildingName} ${binding.room}」，正在等待楼栋长或社区确认，确认后即可点单。`
        : binding?.binding === 'rejected'
          ? `您的楼栋绑定未通过${binding.note ? `（${binding.note}）` : ''}，请重新申请。`
          : '点单前请先绑定您居住的楼栋，志愿者才能上门服务。';
    return (
      <AppPage className="create">
        <View className="card create__binding">
          <Text className="create__binding-title">{binding?.binding === 'pending' ? '楼栋绑定待确认' : '请先绑定楼栋'}</Text>
          <Text className="create__binding-text">{why}</Text>
          <AsyncButton onClick={() => Taro.navigateTo({ url: BINDING_PAGE })}>
            {binding?.binding === 'pending' ? '查看绑定状态' : '去绑定楼栋'}
          </AsyncButton>
        </View>
      </AppPage>
    );
  }

  const count = description.trim().length;
  return (
    <AppPage className="create">
      <View className="card create__item">
        <Text className="create__item-name">{item.name}</Text>
        <Text className="muted">{item.responseHours} 小时内响应</Text>
        {proxy ? <Text className="create__proxy">代点单：为 {residentLabel || '居民'} 下单</Text> : null}
      </View>

      <View className="card create__form">
        <FormField
          label="需求描述"
          required
          error={errors.description && count > DESCRIPTION_MAX ? `${errors.description}（现 ${count} 字）` : errors.description}
          hint={`${count}/${DESCRIPTION_MAX} 字，至少 ${DESCRIPTION_MIN} 个字`}
        >
          <FieldTextarea
            placeholder={`请说明需要什么帮助，例如：${example || descriptionExample(item)}`}
            value={description}
            maxlength={DESCRIPTION_MAX + 100}
            onChange={setDescription}
          />
        </FormField>

        <ItemFormFields
          form={item.form ?? []}
          values={answers}
          errors={answerErrors}
          onChange={(key, value) => setAnswers((a) => ({ ...a, [key]: value }))}
        />

        <FormField label="期望服务时间" required error={errors.window}>
          <View className="create__window">
            <Picker mode="date" value={date} start={range.start} end={range.end} onChange={(e) => setDate(String(e.detail.value))}>
              <View className="form-field__picker create__date">{dateLabel(date)}</View>
            </Picker>
            <View className="create__times">
              <Picker mode="time" value={start} onChange={(e) => setStart(String(e.detail.value))}>
                <View className="form-field__picker create__time">{start}</View>
              </Picker>
              <Text className="create__to">至</Text>
              <Picker mode="time" value={end} onChange={(e) => setEnd(String(e.detail.value))}>
                <View className="form-field__picker create__time">{end}</View>
              </Picker>
            </View>
          </View>
        </FormField>

        <FormField label="服务地址" hint={proxy ? undefined : '地址来自您绑定的楼栋，可修改房号'}>
          {proxy ? (
            <Text className="create__address">{residentAddress || '居民绑定的楼栋和房号'}</Text>
          ) : (
            <View className="create__address-row">
              <Text className="create__address">{binding?.addressText || binding?.buildingName}</Text>
              <Input
                className="form-field__input create__room"
                placeholder="房号"
                placeholderClass="form-field__placeholder"
                value={room}
                maxlength={ROOM_MAX}
                onInput={(e) => setRoom(e.detail.value)}
              />
            </View>
          )}
        </FormField>

        <FormField
          label="联系电话"
          required
          error={errors.contactPhone}
          hint={setup.data.contactPhone && contactPhone === setup.data.contactPhone ? '已填入您的手机号，可修改' : undefined}
        >
          <FieldInput type="number" placeholder="11 位手机号" value={contactPhone} maxlength={11} onChange={setContactPhone} />
        </FormField>

        <FormField label={`照片（选填，最多 ${PHOTOS_MAX} 张）`}>
          <PhotoPicker value={photos} onChange={setPhotos} folder={`orders/${requestId.current}`} />
        </FormField>
      </View>

      <AsyncButton onClick={submit}>提交点单</AsyncButton>
    </AppPage>
  );
}
