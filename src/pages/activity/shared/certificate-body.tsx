import { Text, View } from '@tarojs/components';
import type { CertificateContent } from '@/domain/hours/hours.rules';
import { dateText } from './format';

/** What a 志愿服务记录证明 certifies (民政部令第67号): the volunteer, each service, the issuer, number and date. */
export function CertificateBody({ content }: { content: CertificateContent }) {
  return (
    <View className="card">
      <Text className="section-title">志愿服务记录证明</Text>
      <Text className="activity__meta">证明编号：{content.number}</Text>
      <Text className="activity__meta">
        姓名：{content.volunteerName} · 志愿者编号：{content.volunteerNo} · 证件号码：{content.idNumberMasked}
      </Text>
      <Text className="activity__meta">
        期间：{dateText(content.periodFrom)} 至 {dateText(content.periodTo)}，累计服务 {content.totalHours} 小时
      </Text>
      {content.lines.length === 0 ? <Text className="muted">这段时间没有已确认的服务记录</Text> : null}
      {content.lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a certificate's lines are frozen, in a fixed order
        <View key={`${l.date}-${i}`} className="activity__row">
          <View className="activity__row-main">
            <Text>
              {l.date} {l.title}
            </Text>
            <Text className="activity__meta">
              地点：{l.place} · 内容：{l.content} · 记录单位：{l.recorder}
            </Text>
          </View>
          <Text className="activity__warn">{l.hours} 小时</Text>
        </View>
      ))}
      <Text className="activity__meta">
        出具单位：{content.issuer.unit} · 负责人：{content.issuer.head} · 经办人：{content.issuer.handler} · 联系电话：
        {content.issuer.contact}
      </Text>
      <Text className="activity__meta">出具日期：{dateText(content.issuedAt)}</Text>
    </View>
  );
}
