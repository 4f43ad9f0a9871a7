import { Text } from '@tarojs/components';
import { AppPage } from '@/components/app-page';

/** 组织架构 (placeholder until the page is built). */
export default function Page() {
  return (
    <AppPage>
      <Text>组织架构</Text>
    </AppPage>
  );
}
