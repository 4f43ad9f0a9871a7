import { Text } from '@tarojs/components';
import { AppPage } from '@/components/app-page';

/** 志愿服务队 (placeholder until the page is built). */
export default function Page() {
  return (
    <AppPage>
      <Text>志愿服务队</Text>
    </AppPage>
  );
}
