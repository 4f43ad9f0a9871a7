import { Text } from '@tarojs/components';
import { AppPage } from '@/components/app-page';

/** 队伍管理 (placeholder until the page is built). */
export default function Page() {
  return (
    <AppPage>
      <Text>队伍管理</Text>
    </AppPage>
  );
}
