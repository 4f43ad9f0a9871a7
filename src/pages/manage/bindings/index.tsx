import { Text } from '@tarojs/components';
import { AppPage } from '@/components/app-page';

/** 住户绑定审核 (placeholder until the page is built). */
export default function Page() {
  return (
    <AppPage>
      <Text>住户绑定审核</Text>
    </AppPage>
  );
}
