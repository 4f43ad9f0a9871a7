import { Image, Text, View } from '@tarojs/components';
import { CloudImage } from '../cloud-image';
import './index.scss';

export interface Category {
  _id: string;
  name: string;
  icon?: string;
  itemCount?: number;
}

interface CategoryGridProps {
  categories: Category[];
  onSelect?: (category: Category) => void;
}

function isImageUrl(icon: string): boolean {
  return /^(https?:|cloud:|\/)/.test(icon);
}

/** 服务菜单: categories as a grid of large, tappable tiles. */
export function CategoryGrid({ categories, onSelect }: CategoryGridProps) {
  return (
    <View className="category-grid">
      {categories.map((category) => {
        const icon = category.icon?.trim();
        return (
          <View
            key={category._id}
            className="category-grid__cell"
            hoverClass="category-grid__cell--active"
            onClick={() => onSelect?.(category)}
          >
            {icon?.startsWith('cloud:') ? (
              // A staff-uploaded icon: the browser needs its temp URL, weapp loads the fileID itself.
              <CloudImage className="category-grid__image" fileID={icon} mode="aspectFit" />
            ) : icon && isImageUrl(icon) ? (
              <Image className="category-grid__image" src={icon} mode="aspectFit" />
            ) : (
              <View className="category-grid__badge">
                <Text className="category-grid__glyph">{icon || category.name.slice(0, 1)}</Text>
              </View>
            )}
            <Text className="category-grid__name">{category.name}</Text>
            {typeof category.itemCount === 'number' ? <Text className="category-grid__count">{category.itemCount} 项服务</Text> : null}
          </View>
        );
      })}
    </View>
  );
}
