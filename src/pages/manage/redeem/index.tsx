import { Text } from '@tarojs/components';
import { AppPage } from '@/components/app-page';

/** 使用邀请码 (placeholder until the page is built). */
export default function Page() {
  return (
    <AppPage>
      <Text>使用邀请码</Text>
    </AppPage>
  );
}
