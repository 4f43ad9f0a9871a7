import { Text } from '@tarojs/components';
import { AppPage } from '@/components/app-page';

/** 邀请码 (placeholder until the page is built). */
export default function Page() {
  return (
    <AppPage>
      <Text>邀请码</Text>
    </AppPage>
  );
}
