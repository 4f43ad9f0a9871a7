import { Text } from '@tarojs/components';
import './badge.scss';

export type BadgeTone = 'waiting' | 'done' | 'refused' | 'lead' | 'plain';

/** A small coloured label: a registration's state, my relation to a team, a member's role. */
export function Badge({ tone, children }: { tone: BadgeTone; children: string }) {
  return <Text className={`vol-badge vol-badge--${tone}`}>{children}</Text>;
}
