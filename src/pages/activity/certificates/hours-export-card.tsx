import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { activityFn } from '@/contracts';
import { callCloud } from '@/services/cloud';
import { openExport } from '@/services/open-export';

const pad = (n: number) => String(n).padStart(2, '0');
/** YYYY-MM-DD of a China-time calendar day. */
const day = (y: number, m: number, d: number) => {
  const at = new Date(Date.UTC(y, m, d));
  return `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
};
/** Midnight China time of a YYYY-MM-DD. */
const startOf = (d: string) => Date.parse(`${d}T00:00:00+08:00`);

/** 上个月 by default: the month staff usually enter into the national system. */
function lastMonth(): [string, string] {
  const now = new Date(Date.now() + 8 * 3600_000);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  return [day(y, m - 1, 1), day(y, m, 0)];
}

/**
 * 导出服务时长 (staff): the period's confirmed and approved hours of their area as Excel, with the
 * columns the national 志愿服务信息系统 asks for.
 */
export function HoursExportCard() {
  const [initialFrom, initialTo] = lastMonth();
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const exportHours = async () => {
    const file = await callCloud(activityFn, 'exportHours', { from: startOf(from), to: startOf(to) + 24 * 3600_000 });
    await openExport(file);
    void Taro.showToast({
      title: file.truncated ? `只导出了前 ${file.rowCount} 条，请缩短时间段` : `已导出 ${file.rowCount} 条`,
      icon: 'none',
    });
  };
  return (
    <View className="card">
      <Text className="section-title">导出服务时长</Text>
      <View className="activity__links">
        <Picker mode="date" value={from} end={to} onChange={(e) => setFrom(e.detail.value)}>
          <View className="activity__link">从 {from}</View>
        </Picker>
        <Picker mode="date" value={to} start={from} onChange={(e) => setTo(e.detail.value)}>
          <View className="activity__link">到 {to}</View>
        </Picker>
      </View>
      <Text className="muted">
        导出本辖区这段时间内已确认、已审核的服务时长（含志愿者姓名、志愿者编号、活动、日期、地点、服务内容、时长、实时记录或补录、记录单位），可对照录入全国志愿服务信息系统。
      </Text>
      <View className="activity__actions">
        <AsyncButton type="primary" size="small" onClick={exportHours}>
          导出 Excel
        </AsyncButton>
      </View>
    </View>
  );
}
