import { Text } from '@tarojs/components';
import { AppPage } from '@/components/app-page';

/** 志愿者审核 (placeholder until the page is built). */
export default function Page() {
  return (
    <AppPage>
      <Text>志愿者审核</Text>
    </AppPage>
  );
}
