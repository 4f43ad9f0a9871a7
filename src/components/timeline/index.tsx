import { Text, View } from '@tarojs/components';
import './index.scss';

export interface TimelineEntry {
  key: string;
  title: string;
  /** ms since epoch, or preformatted text. */
  time?: number | string;
  /** Who did it, e.g. 社区实践站 · 李站长 */
  actor?: string;
  /** A note or reason, shown under the title. */
  note?: string;
}

export interface TimelineProps {
  entries: TimelineEntry[];
  /** Newest first (default) or oldest first; the first entry shown is highlighted. */
  newestFirst?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2025-03-01 14:05 in the phone's local time. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A vertical list of events with a dot per event. */
export function Timeline({ entries, newestFirst = true }: TimelineProps) {
  const ordered = newestFirst ? [...entries].reverse() : entries;
  return (
    <View className="timeline">
      {ordered.map((entry, index) => (
        <View key={entry.key} className={`timeline__entry${index === 0 ? ' timeline__entry--latest' : ''}`}>
          <View className="timeline__rail">
            <View className="timeline__dot" />
            {index < ordered.length - 1 ? <View className="timeline__line" /> : null}
          </View>
          <View className="timeline__body">
            <Text className="timeline__title">{entry.title}</Text>
            {entry.actor ? <Text className="timeline__actor">{entry.actor}</Text> : null}
            {entry.note ? <Text className="timeline__note">{entry.note}</Text> : null}
            {entry.time !== undefined ? (
              <Text className="timeline__time">{typeof entry.time === 'number' ? formatDateTime(entry.time) : entry.time}</Text>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  );
}
