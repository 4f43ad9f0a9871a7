import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { announceFn } from '@/contracts';
import { callCloud, errorMessage } from '@/services/cloud';

/**
 * The local placeholder of the announcement template (公告提醒): what the `announce` function
 * answers on the local cloud when its env TEMPLATE_ANNOUNCEMENT is not set (server/kit/config.ts;
 * production never falls back to it).
 */
const PLACEHOLDER_TEMPLATE = 'TEMPLATE_ANNOUNCEMENT';

/**
 * 订阅公告提醒 (weapp): `wx.requestSubscribeMessage` straight from the tap (WeChat refuses it
 * after an await), then `announce.subscribeGrant` records one more grant. The template id is
 * fetched beforehand from `announce.subscribeTemplate`, with the placeholder as fallback.
 * The browser build cannot subscribe to WeChat messages and says so.
 */
export function SubscribeButton() {
  const [templateId, setTemplateId] = useState(PLACEHOLDER_TEMPLATE);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') return;
    callCloud(announceFn, 'subscribeTemplate')
      .then((r) => {
        if (r.templateId) setTemplateId(r.templateId);
      })
      .catch(() => undefined);
  }, []);

  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className="ann-subscribe">
        <Text className="ann-subscribe__note">浏览器版不能订阅微信消息提醒，请在小程序中订阅</Text>
      </View>
    );
  }
  // A plain Button (not AsyncButton): requestSubscribeMessage must be the first call of the tap.
  const subscribe = async () => {
    if (busy) return;
    setBusy(true);
    try {
      // Taro's typing wants both id lists (entityIds is Alipay's); WeChat reads tmplIds.
      const res = (await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] })) as unknown as Record<string, string>;
      if (res[templateId] !== 'accept') {
        void Taro.showToast({ title: '未订阅', icon: 'none' });
        return;
      }
      await callCloud(announceFn, 'subscribeGrant', { templateId });
      void Taro.showToast({ title: '已订阅下一条公告提醒', icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="ann-subscribe">
      <Button className="ann-subscribe__button" size="mini" disabled={busy} onClick={() => void subscribe()}>
        {busy ? '订阅中…' : '订阅公告提醒'}
      </Button>
    </View>
  );
}
