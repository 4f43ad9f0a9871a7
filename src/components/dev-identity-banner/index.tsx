import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './index.scss';

export const DEV_IDENTITY_PAGE = '/pages/dev/identity/index';

/** H5 only: invites the person at the browser to choose who to play. */
export function DevIdentityBanner() {
  return (
    <View
      className="dev-identity-banner"
      hoverClass="dev-identity-banner--active"
      onClick={() => Taro.navigateTo({ url: DEV_IDENTITY_PAGE })}
    >
      <Text className="dev-identity-banner__text">以…身份进入</Text>
      <Text className="dev-identity-banner__hint">尚未选择身份，点此选择 ›</Text>
    </View>
  );
}
