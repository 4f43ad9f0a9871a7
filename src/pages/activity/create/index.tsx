import { Input, Picker, Switch, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FieldTextarea, FormField } from '@/components/form-field';
import { PhotoPicker } from '@/components/photo-picker';
import { activityFn } from '@/contracts';
import { ADDRESS_MAX, DESCRIPTION_MAX, sessionsProblem, TITLE_MAX } from '@/domain/activity/activity.rules';
import { requirementsProblem } from '@/domain/activity/requirements.rules';
import { MOBILE_PHONE } from '@/domain/identity/pii-masking';
import { newRequestId } from '@/domain/shared/request-id';
import { callCloud } from '@/services/cloud';
import { PHOTOS_SUPPORTED } from '@/services/photo-upload';
import { SkillPicker } from '../../volunteer/shared/skill-picker';
import { dateText } from '../shared/format';
import '../shared/activity.scss';

/** Covers go where announcement covers go: the 活动招募 announcement can show the same picture. */
const COVER_FOLDER = 'announce/covers';

const CATEGORIES = ['清洁家园', '文明劝导', '巡河护河', '理论宣讲', '助老助残', '文体活动', '其他'];

interface SessionForm {
  key: number;
  date: string;
  start: string;
  end: string;
  quota: string;
}

/** `YYYY-MM-DD` + `HH:mm` in China time → epoch ms. */
const at = (date: string, time: string) => Date.parse(`${date}T${time}:00+08:00`);

const tomorrow = () => dateText(Date.now() + 24 * 3600_000);

/** 发布活动 (`?teamId=&as=`): title, category, place, contact, and 场次 (each a date, start–end and places), optionally repeated every working day. */
export default function CreateActivityPage() {
  const { teamId, as } = useRouter().params;
  const requestId = useRef(newRequestId());
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState(CATEGORIES[0] as string);
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactPhone, setContactPhone] = useState('');
  const [sessions, setSessions] = useState<SessionForm[]>([{ key: 0, date: tomorrow(), start: '09:00', end: '11:00', quota: '10' }]);
  const [needsApproval, setNeedsApproval] = useState(false);
  const [repeat, setRepeat] = useState(false);
  const [repeatDays, setRepeatDays] = useState('14');
  const [problem, setProblem] = useState('');
  const [cover, setCover] = useState<string | null>(null);
  const [announce, setAnnounce] = useState(!teamId);
  const [skills, setSkills] = useState<string[]>([]);
  const [partyOnly, setPartyOnly] = useState(false);
  const [minAge, setMinAge] = useState('');
  const [maxAge, setMaxAge] = useState('');
  const age = (v: string) => (v.trim() === '' ? null : Number(v));
  const requirements = { skills, partyOnly, minAge: age(minAge), maxAge: age(maxAge) };

  const edit = (i: number, patch: Partial<SessionForm>) => setSessions((all) => all.map((s, k) => (k === i ? { ...s, ...patch } : s)));
  const plans = sessions.map((s) => ({ startAt: at(s.date, s.start), endAt: at(s.date, s.end), quota: Number(s.quota) }));

  const submit = async () => {
    const missing = !title.trim()
      ? '请填写活动名称'
      : !description.trim()
        ? '请填写活动内容'
        : !address.trim()
          ? '请填写地点'
          : !contactName.trim()
            ? '请填写联系人'
            : '';
    const check =
      missing ||
      (!MOBILE_PHONE.test(contactPhone) ? '请填写 11 位联系电话' : '') ||
      sessionsProblem(repeat ? plans.slice(0, 1) : plans, Date.now()) ||
      requirementsProblem(requirements);
    if (check) {
      setProblem(check);
      throw new Error(check);
    }
    setProblem('');
    const { activityId, announcement } = await callCloud(activityFn, 'create', {
      requestId: requestId.current,
      title,
      category,
      description,
      address,
      contactName,
      contactPhone,
      ...(teamId ? { teamId } : {}),
      needsApproval,
      requirements,
      ...(cover ? { coverFileId: cover } : {}),
      ...(!teamId && announce ? { announce: true } : {}),
      sessions: repeat ? plans.slice(0, 1) : plans,
      ...(repeat ? { repeatWorkdays: Number(repeatDays) || 14 } : {}),
    });
    if (announcement && !announcement.ok) {
      // The activity is published either way; the announcement can be posted from 发布公告.
      await Taro.showModal({ title: '活动已发布，招募公告未发出', content: announcement.message, showCancel: false });
    } else if (announcement) {
      void Taro.showToast({ title: `已发布，招募公告推送 ${announcement.buildings} 栋楼`, icon: 'none', duration: 2500 });
    } else {
      void Taro.showToast({ title: '已发布', icon: 'success' });
    }
    await Taro.redirectTo({ url: `/pages/activity/detail/index?id=${activityId}` });
  };

  return (
    <AppPage className="activity" bottomBar>
      <View className="card">
        <Text className="muted">发布单位：{as ? decodeURIComponent(as) : '本辖区'}</Text>
        <FormField label="活动名称" required>
          <FieldInput maxlength={TITLE_MAX} placeholder="例如：清洁家园·楼道大扫除" value={title} onChange={setTitle} />
        </FormField>
        <FormField label="服务类别" required inline>
          <Picker
            mode="selector"
            range={CATEGORIES}
            value={CATEGORIES.indexOf(category)}
            onChange={(e) => setCategory(CATEGORIES[Number(e.detail.value)] ?? '其他')}
          >
            <View className="form-field__picker">{category} ▾</View>
          </Picker>
        </FormField>
        <FormField label="活动内容" required hint="做什么、带什么、注意什么">
          <FieldTextarea maxlength={DESCRIPTION_MAX} placeholder="活动内容" value={description} onChange={setDescription} />
        </FormField>
        <FormField label="地点" required>
          <FieldInput maxlength={ADDRESS_MAX} placeholder="集合地点" value={address} onChange={setAddress} />
        </FormField>
        {PHOTOS_SUPPORTED ? (
          <FormField label="封面" hint="可选：一张图片，显示在活动广场和活动详情">
            <PhotoPicker value={cover ? [cover] : []} onChange={(ids) => setCover(ids[0] ?? null)} folder={COVER_FOLDER} max={1} />
          </FormField>
        ) : null}
        <FormField label="联系人" required>
          <Input
            className="form-field__input"
            maxlength={20}
            placeholder="联系人姓名"
            value={contactName}
            onInput={(e) => setContactName(e.detail.value)}
          />
        </FormField>
        <FormField label="联系电话" required>
          <FieldInput type="number" maxlength={11} placeholder="11 位手机号" value={contactPhone} onChange={setContactPhone} />
        </FormField>
      </View>
      <View className="card">
        <Text className="section-title">报名条件</Text>
        <Text className="muted">不设置则所有通过审核的志愿者都能报名；按志愿者注册时填写的信息判断</Text>
        <FormField label="仅限党员" inline>
          <Switch checked={partyOnly} onChange={(e) => setPartyOnly(e.detail.value)} />
        </FormField>
        <FormField label="年龄" inline hint="周岁，按活动当天计算；留空表示不限">
          <View className="activity__age">
            <Input
              className="form-field__input"
              type="number"
              maxlength={3}
              placeholder="最小"
              value={minAge}
              onInput={(e) => setMinAge(e.detail.value)}
            />
            <Text>–</Text>
            <Input
              className="form-field__input"
              type="number"
              maxlength={3}
              placeholder="最大"
              value={maxAge}
              onInput={(e) => setMaxAge(e.detail.value)}
            />
          </View>
        </FormField>
        <FormField label="需要的技能" hint="志愿者须具备所选的全部技能">
          <SkillPicker value={skills} onChange={setSkills} />
        </FormField>
      </View>
      <View className="card">
        <Text className="section-title">场次</Text>
        {sessions.map((s, i) => (
          <View key={s.key} className="activity__row">
            <View className="activity__row-main">
              <Text>第 {i + 1} 场</Text>
              <Picker mode="date" value={s.date} onChange={(e) => edit(i, { date: e.detail.value })}>
                <View className="form-field__picker">日期 {s.date} ▾</View>
              </Picker>
              <Picker mode="time" value={s.start} onChange={(e) => edit(i, { start: e.detail.value })}>
                <View className="form-field__picker">开始 {s.start} ▾</View>
              </Picker>
              <Picker mode="time" value={s.end} onChange={(e) => edit(i, { end: e.detail.value })}>
                <View className="form-field__picker">结束 {s.end} ▾</View>
              </Picker>
              <FormField label="名额" inline>
                <Input
                  className="form-field__input"
                  type="number"
                  maxlength={3}
                  value={s.quota}
                  onInput={(e) => edit(i, { quota: e.detail.value })}
                />
              </FormField>
            </View>
            {sessions.length > 1 ? (
              <AsyncButton size="small" type="warn" onClick={() => setSessions((all) => all.filter((_, k) => k !== i))}>
                删除
              </AsyncButton>
            ) : null}
          </View>
        ))}
        {!repeat ? (
          <View className="activity__actions">
            <AsyncButton
              size="small"
              type="default"
              onClick={() =>
                setSessions((all) => [...all, { ...(all[all.length - 1] as SessionForm), key: Math.max(...all.map((x) => x.key)) + 1 }])
              }
            >
              添加场次
            </AsyncButton>
          </View>
        ) : null}
        <FormField label="报名需要审核" inline hint="开启后，报名经您通过才占名额">
          <Switch checked={needsApproval} onChange={(e) => setNeedsApproval(e.detail.value)} />
        </FormField>
        <FormField label="每个工作日重复第 1 场" inline hint="如文明劝导每个工作日早高峰值守">
          <Switch checked={repeat} onChange={(e) => setRepeat(e.detail.value)} />
        </FormField>
        {repeat ? (
          <FormField label="重复天数" inline hint="从第 1 场的日期起，只排工作日">
            <FieldInput type="number" maxlength={2} value={repeatDays} onChange={setRepeatDays} />
          </FormField>
        ) : null}
        {problem ? <Text className="activity__warn">{problem}</Text> : null}
      </View>
      {!teamId ? (
        <View className="card">
          <FormField
            label="同时发布活动招募公告"
            inline
            hint="推送到本社区各楼栋（居民公告、订阅消息、楼栋群），可在「发布公告」里看知晓率"
          >
            <Switch checked={announce} onChange={(e) => setAnnounce(e.detail.value)} />
          </FormField>
        </View>
      ) : null}
      <AsyncButton onClick={submit}>发布活动</AsyncButton>
    </AppPage>
  );
}
