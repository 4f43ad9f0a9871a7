import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { FeedItem } from '@/domain/announce/announce.views';
import { CategoryTag } from './blocks';
import { CardCover } from './cover';
import { announcePath, shortDate } from './format';

export function FeedCard({ item }: { item: FeedItem }) {
  return (
    <View
      className="ann-card"
      hoverClass="ann-card--active"
      onClick={() => void Taro.navigateTo({ url: announcePath('detail', { id: item.id }) })}
    >
      <CardCover fileId={item.coverFileId} />
      <View className="ann-card__head">
        <CategoryTag category={item.category} />
        <Text className="ann-card__title">{item.title}</Text>
        {item.read ? null : <View className="ann-card__unread" />}
      </View>
      <Text className="ann-card__excerpt">{item.excerpt}</Text>
      <Text className="ann-card__meta">
        {shortDate(item.publishedAt)}
        {item.read ? ' · 已读' : ' · 未读'}
      </Text>
    </View>
  );
}
