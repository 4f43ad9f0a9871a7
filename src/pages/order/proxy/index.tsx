import { Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { AppPage } from '@/components/app-page';
import { AsyncButton } from '@/components/async-button';
import { FormField } from '@/components/form-field';
import { LoadPlaceholder, StateView } from '@/components/state-view';
import { catalogFn, identityFn } from '@/contracts';
import type { CatalogItem } from '@/domain/catalog/catalog.types';
import type { BuildingResident } from '@/domain/identity/identity.views';
import { useCloudLoad } from '@/hooks/use-cloud-load';
import { CloudCallError, callCloud, errorMessage } from '@/services/cloud';
import './index.scss';

/** 代点单 for a building head: pick one of the building's residents and a service, then fill the order form. */
export default function ProxyOrderPage() {
  /** The building picked (default: the first the caller heads). */
  const [buildingId, setBuildingId] = useState<string | undefined>(undefined);
  // One call: the buildings the caller heads, the picked one's confirmed residents, the service menu.
  const { state: setup, reload } = useCloudLoad(() => callCloud(identityFn, 'proxySetup', buildingId ? { buildingId } : {}), [buildingId]);
  const [resident, setResident] = useState<BuildingResident | null>(null);
  const [categoryIndex, setCategoryIndex] = useState(-1);
  const [items, setItems] = useState<CatalogItem[]>([]);
  const [itemIndex, setItemIndex] = useState(-1);

  const pickBuilding = (id: string | undefined) => {
    if (!id || id === buildingId) return;
    setResident(null);
    setBuildingId(id);
  };

  const pickCategory = async (index: number) => {
    if (setup.status !== 'ready') return;
    const category = setup.data.categories[index];
    if (!category) return;
    setCategoryIndex(index);
    setItemIndex(-1);
    setItems([]);
    try {
      setItems((await callCloud(catalogFn, 'listItems', { categoryId: category._id })).items);
    } catch (err) {
      void Taro.showToast({ title: errorMessage(err), icon: 'none' });
    }
  };

  if (setup.status !== 'ready') {
    return (
      <AppPage className="proxy">
        <LoadPlaceholder state={setup} onRetry={() => void reload()} />
      </AppPage>
    );
  }
  if (setup.data.buildings.length === 0) {
    return (
      <AppPage className="proxy">
        <StateView empty emptyText="只有楼栋长可以代居民点单" />
      </AppPage>
    );
  }

  const { buildings, categories, residents } = setup.data;
  const building = buildings.find((b) => b.scopeId === setup.data.buildingId);
  const category = categories[categoryIndex];
  const item = items[itemIndex];
  const next = () => {
    if (!resident) throw new CloudCallError('INPUT', '请选择居民');
    if (!category || !item) throw new CloudCallError('INPUT', '请选择服务项目');
    const who = encodeURIComponent(`${resident.name}${resident.room ? `（${resident.room}）` : ''}`);
    const address = encodeURIComponent(resident.addressText);
    return Taro.navigateTo({
      url: `/pages/order/create/index?itemId=${encodeURIComponent(item._id)}&categoryId=${encodeURIComponent(category._id)}&residentOpenid=${encodeURIComponent(resident.openid)}&who=${who}&address=${address}`,
    });
  };

  return (
    <AppPage className="proxy">
      <View className="card">
        <Text className="muted">为行动不便或不会用手机的居民下单，订单记在居民名下，进度也会通知居民。</Text>
      </View>

      {buildings.length > 1 ? (
        <View className="card">
          <FormField label="楼栋">
            <Picker
              mode="selector"
              range={buildings.map((b) => b.scopeName)}
              value={Math.max(
                buildings.findIndex((b) => b.scopeId === building?.scopeId),
                0,
              )}
              onChange={(e) => pickBuilding(buildings[Number(e.detail.value)]?.scopeId)}
            >
              <View className="form-field__picker">{building?.scopeName}</View>
            </Picker>
          </FormField>
        </View>
      ) : null}

      <Text className="section-title">选择居民{building ? ` · ${building.scopeName}` : ''}</Text>
      {residents.length > 0 ? (
        <View className="card proxy__residents">
          {residents.map((r) => (
            <View
              key={r.openid}
              className={`proxy__resident${resident?.openid === r.openid ? ' proxy__resident--on' : ''}`}
              onClick={() => setResident(r)}
            >
              <View className="proxy__resident-who">
                <Text className="proxy__resident-name">{r.name}</Text>
                <Text className="proxy__resident-address">{r.room ? r.addressText.slice(0, -r.room.length).trim() : r.addressText}</Text>
              </View>
              <Text className="proxy__resident-room">{r.room}</Text>
              <Text className="proxy__tick">{resident?.openid === r.openid ? '✓' : ''}</Text>
            </View>
          ))}
        </View>
      ) : (
        <StateView empty emptyText="本楼栋还没有已确认的居民" />
      )}

      <Text className="section-title">选择服务</Text>
      <View className="card">
        <FormField label="服务类别" required>
          <Picker
            mode="selector"
            range={categories.map((c) => c.name)}
            value={Math.max(categoryIndex, 0)}
            onChange={(e) => void pickCategory(Number(e.detail.value))}
          >
            <View className="form-field__picker">{category ? category.name : <Text className="form-field__placeholder">请选择</Text>}</View>
          </Picker>
        </FormField>
        <FormField label="服务项目" required>
          <Picker
            mode="selector"
            range={items.map((i) => i.name)}
            value={Math.max(itemIndex, 0)}
            disabled={items.length === 0}
            onChange={(e) => setItemIndex(Number(e.detail.value))}
          >
            <View className="form-field__picker">
              {item ? item.name : <Text className="form-field__placeholder">{category ? '请选择' : '先选择服务类别'}</Text>}
            </View>
          </Picker>
        </FormField>
      </View>

      <AsyncButton onClick={next} disabled={!resident || !item}>
        下一步：填写需求
      </AsyncButton>
    </AppPage>
  );
}
