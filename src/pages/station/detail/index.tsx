import { useRouter } from '@tarojs/taro';
import { AppPage } from '@/components/app-page';
import { StationOrderPanel } from '../shared/order-panel';

/** 派单台 · one order (on a phone; a desk-wide queue shows the same panel beside the list). */
export default function StationOrderPage() {
  const { params } = useRouter();
  return (
    // The page keeps its root class `sdetail` (the panel inside carries it too; its styles are on children).
    <AppPage className="sdetail">
      <StationOrderPanel orderId={params.orderId ?? ''} />
    </AppPage>
  );
}
