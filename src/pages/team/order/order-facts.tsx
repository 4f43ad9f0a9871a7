import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AsyncButton } from '@/components/async-button';
import { CloudPhotos } from '@/components/cloud-image';
import { formatWindow } from '@/components/order-card';
import { StatusTag } from '@/components/status-tag';
import { formatDateTime } from '@/components/timeline';
import { orderFn } from '@/contracts';
import type { OrderView } from '@/domain/order/order.views';
import { callCloud } from '@/services/cloud';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="torder__row">
      <Text className="torder__label">{label}</Text>
      <Text className="torder__value">{value}</Text>
    </View>
  );
}

/**
 * 拨打电话: the number is fetched (and the reveal logged) only on the tap, then dialled; the page
 * never holds it before. Browser build: no phone to dial, so the number is shown in a dialog.
 */
async function callResident(orderId: string): Promise<void> {
  const { phone } = await callCloud(orderFn, 'revealContact', { orderId });
  if (process.env.TARO_ENV === 'h5') {
    await Taro.showModal({ title: '居民电话', content: `${phone}\n请用手机拨打`, showCancel: false, confirmText: '知道了' });
    return;
  }
  await Taro.makePhoneCall({ phoneNumber: phone });
}

/** What the team needs to serve the order: item, state, where, who, when, the resident's answers. */
export function OrderFactsCard({ order, canCall }: { order: OrderView; canCall?: boolean }) {
  return (
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
      {canCall ? (
        <View className="torder__call">
          <AsyncButton className="torder__call-button" onClick={() => callResident(order.orderId)}>
            拨打居民电话
          </AsyncButton>
          <Text className="muted torder__call-hint">为保护居民隐私，每次拨打都会记录。</Text>
        </View>
      ) : null}
      <Row label="期望时间" value={formatWindow(order.preferredWindow)} />
      {order.formAnswers.map((a) => (
        <Row key={a.key} label={a.label} value={a.text} />
      ))}
      {order.teamName ? <Row label="服务队伍" value={order.teamName} /> : null}
      {order.state === 'dispatched' ? <Row label="接单截止" value={formatDateTime(order.responseDeadline)} /> : null}
      {order.serviceHours ? <Row label="服务时长" value={`${order.serviceHours} 小时`} /> : null}
      <Row label="订单号" value={order.orderId} />
      {order.photos.length > 0 ? <CloudPhotos fileIDs={order.photos} /> : null}
    </View>
  );
}

/** The leader's completion report, once filed. */
export function ReportCard({ report }: { report: NonNullable<OrderView['report']> }) {
  return (
    <View className="card">
      <Text className="section-title torder__card-title">服务小结</Text>
      <Text className="torder__desc">{report.summary || '（未填写）'}</Text>
      {report.photos.length > 0 ? <CloudPhotos fileIDs={report.photos} /> : null}
    </View>
  );
}
