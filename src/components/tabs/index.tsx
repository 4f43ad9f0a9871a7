import { Text, View } from '@tarojs/components';
import './index.scss';

export interface TabItem<K extends string = string> {
  key: K;
  label: string;
  /** Small count shown after the label; hidden when 0 or undefined. */
  badge?: number;
}

export interface TabsProps<K extends string = string> {
  tabs: readonly TabItem<K>[];
  active: K;
  onChange: (key: K) => void;
}

/** A row of equal-width tabs with an underline on the active one. */
export function Tabs<K extends string = string>({ tabs, active, onChange }: TabsProps<K>) {
  return (
    <View className="tabs">
      {tabs.map((tab) => (
        <View
          key={tab.key}
          className={`tabs__tab${tab.key === active ? ' tabs__tab--active' : ''}`}
          onClick={() => {
            if (tab.key !== active) onChange(tab.key);
          }}
        >
          <Text className="tabs__label">{tab.label}</Text>
          {tab.badge ? <Text className="tabs__badge">{tab.badge > 99 ? '99+' : tab.badge}</Text> : null}
        </View>
      ))}
    </View>
  );
}
