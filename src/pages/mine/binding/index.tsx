import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FieldInput, FormField } from '@/components/form-field';
import { LoadPlaceholder } from '@/components/state-view';
import { identityFn } from '@/contracts';
import { ROOM_MAX } from '@/domain/identity/binding.rules';
import type { BindingState, DirectoryBuilding } from '@/domain/identity/identity.views';
import type { BindingPageView } from '@/domain/order/screen.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { callCloud } from '@/services/cloud';
import './index.scss';

const STATUS_TEXT: Record<NonNullable<BindingState['binding']>, string> = {
  pending: '等待楼栋长或社区确认',
  confirmed: '已确认',
  rejected: '未通过',
};

/** Three picker columns (社区 → 小区 → 楼栋) over the flat building directory. */
function useColumns(buildings: DirectoryBuilding[], indexes: number[]) {
  return useMemo(() => {
    const communities = [...new Set(buildings.map((b) => b.communityName))];
    const community = communities[indexes[0] ?? 0] ?? '';
    const inCommunity = buildings.filter((b) => b.communityName === community);
    const estates = [...new Set(inCommunity.map((b) => b.estateName))];
    const estate = estates[indexes[1] ?? 0] ?? '';
    const inEstate = inCommunity.filter((b) => b.estateName === estate);
    const building = inEstate[indexes[2] ?? 0];
    return { columns: [communities, estates, inEstate.map((b) => b.name)], building };
  }, [buildings, indexes]);
}

/** 绑定楼栋: pick 社区 / 小区 / 楼栋 from the public directory, type the room, ask to be bound. */
export default function BindingPage() {
  const [room, setRoom] = useState('');
  // One call answers the binding and the directory; 提交 answers the binding after it.
  const { state, setState, reload } = useCloudLoad<BindingPageView>(async () => {
    const view = await callCloud(identityFn, 'bindingPage');
    if (view.binding.room) setRoom(view.binding.room);
    return view;
  }, []);
  const [indexes, setIndexes] = useState<number[]>([0, 0, 0]);
  const [picked, setPicked] = useState(false);
  const [roomError, setRoomError] = useState<string | undefined>();
  const buildings = state.status === 'ready' ? state.data.buildings : [];
  const { columns, building } = useColumns(buildings, indexes);

  if (state.status !== 'ready') {
    return (
      <AppPage className="binding">
        <LoadPlaceholder state={state} onRetry={() => void reload()} />
      </AppPage>
    );
  }

  const current = state.data.binding;
  const submit = async () => {
    if (!building || !picked) {
      void Taro.showToast({ title: '请选择楼栋', icon: 'none' });
      return;
    }
    if (!room.trim()) {
      setRoomError('请填写房号');
      return;
    }
    setRoomError(undefined);
    const next = await callCloud(identityFn, 'requestBinding', {
      buildingId: building._id,
      room: room.trim(),
    });
    setState({ status: 'ready', data: { ...state.data, binding: next } });
    void Taro.showToast({ title: next.binding === 'confirmed' ? '已绑定' : '已提交，等待确认', icon: 'none' });
  };

  return (
    <AppPage className="binding">
      {current.binding ? (
        <View className="card binding__current">
          <Text className="muted">当前楼栋</Text>
          <Text className="binding__current-name">
            {current.buildingName} {current.room}
          </Text>
          <Text className={`binding__status binding__status--${current.binding}`}>
            {STATUS_TEXT[current.binding]}
            {current.binding === 'rejected' && current.note ? `：${current.note}` : ''}
          </Text>
        </View>
      ) : (
        <View className="card">
          <Text className="binding__intro">绑定您居住的楼栋后，就能点单、收到本楼栋的公告。楼栋长或社区确认后生效。</Text>
        </View>
      )}

      <View className="card">
        <Text className="section-title binding__title">{current.binding ? '申请更换楼栋' : '申请绑定'}</Text>
        <FormField label="楼栋" required>
          <Picker
            mode="multiSelector"
            range={columns}
            value={indexes}
            onColumnChange={(e) => {
              const { column, value } = e.detail;
              setIndexes((prev) => prev.map((v, i) => (i === column ? value : i > column ? 0 : v)));
            }}
            onChange={(e) => {
              setIndexes((e.detail.value as number[]).map(Number));
              setPicked(true);
            }}
          >
            <View className="form-field__picker">
              {picked && building ? (
                `${building.communityName} ${building.estateName} ${building.name}`
              ) : (
                <Text className="form-field__placeholder">请选择社区 / 小区 / 楼栋</Text>
              )}
            </View>
          </Picker>
        </FormField>
        <FormField label="房号" required error={roomError}>
          <FieldInput placeholder="例如：2单元301" value={room} maxlength={ROOM_MAX} onChange={setRoom} />
        </FormField>
        <AsyncButton className="binding__submit" onClick={submit}>
          提交绑定申请
        </AsyncButton>
      </View>
    </AppPage>
  );
}
