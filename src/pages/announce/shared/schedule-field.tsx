import { Picker, Text, View } from '@tarojs/components';
import { FormField } from '@/components/form-field';
import { Tabs } from '@/components/tabs';
import { shortDate } from './format';
import { atOf, dateOf, dateRangeOf, dayLabel, defaultScheduleAt, timeOf } from './schedule';
import './schedule-field.scss';

type Mode = 'now' | 'later';
const MODES = [
  { key: 'now', label: '立即发布' },
  { key: 'later', label: '定时发布' },
] as const;

export interface ScheduleFieldProps {
  /** The 定时发布 time; null = 立即发布 (right after 发布 on the preview). */
  at: number | null;
  onChange: (at: number | null) => void;
  error?: string;
}

/** 发布时间: 立即发布, or 定时发布 with a date and a time picker (the server checks the window too). */
export function ScheduleField({ at, onChange, error }: ScheduleFieldProps) {
  const now = Date.now();
  const range = dateRangeOf(now);
  return (
    <View className="schedule">
      <Text className="schedule__title">发布时间</Text>
      <Tabs<Mode>
        tabs={MODES}
        active={at === null ? 'now' : 'later'}
        onChange={(mode) => onChange(mode === 'now' ? null : defaultScheduleAt(Date.now()))}
      />
      {at === null ? (
        <Text className="schedule__summary">预览确认后，点「发布」即推送</Text>
      ) : (
        <View className="schedule__pickers">
          <FormField label="日期" inline>
            <Picker
              mode="date"
              value={dateOf(at)}
              start={range.start}
              end={range.end}
              onChange={(e) => onChange(atOf(String(e.detail.value), timeOf(at)) ?? at)}
            >
              <View className="form-field__picker schedule__picker">{dayLabel(at)} ▾</View>
            </Picker>
          </FormField>
          <FormField label="时间" inline>
            <Picker mode="time" value={timeOf(at)} onChange={(e) => onChange(atOf(dateOf(at), String(e.detail.value)) ?? at)}>
              <View className="form-field__picker schedule__picker">{timeOf(at)} ▾</View>
            </Picker>
          </FormField>
          <Text className="schedule__summary schedule__summary--at">将于 {shortDate(at)} 自动发布</Text>
        </View>
      )}
      {error ? <Text className="schedule__error">{error}</Text> : null}
    </View>
  );
}
