import { Text, View } from '@tarojs/components';
import type { Block, Span } from '@/domain/announce/announce.body';
import './shared.scss';

function Spans({ spans }: { spans: Span[] }) {
  return (
    <>
      {spans.map((s, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: spans have no identity; the list never reorders
        <Text key={i} className={s.bold ? 'ann-body__span ann-body__bold' : 'ann-body__span'} userSelect>
          {s.text}
        </Text>
      ))}
    </>
  );
}

/** The announcement body as parsed blocks (paragraphs, bold runs, lists) — no HTML, no rich-text. */
export function AnnouncementBody({ blocks }: { blocks: Block[] }) {
  return (
    <View className="ann-body">
      {blocks.map((block, i) =>
        block.type === 'paragraph' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are static content
          <View key={i} className="ann-body__p">
            <Spans spans={block.spans} />
          </View>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are static content
          <View key={i} className="ann-body__list">
            {block.items.map((item, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: list items are static content
              <View key={j} className="ann-body__item">
                <Text className="ann-body__marker">{block.ordered ? `${j + 1}.` : '•'}</Text>
                <View className="ann-body__item-text">
                  <Spans spans={item} />
                </View>
              </View>
            ))}
          </View>
        ),
      )}
    </View>
  );
}

const CATEGORY_TONE: Record<string, string> = {
  创城宣传: 'red',
  政策宣传: 'blue',
  活动招募: 'green',
  温馨提示: 'orange',
};

export function CategoryTag({ category }: { category: string }) {
  return <Text className={`ann-tag ann-tag--${CATEGORY_TONE[category] ?? 'red'}`}>{category}</Text>;
}

/** One progress bar: done of total, with a label and the numbers. */
export function ProgressBar({ label, done, total, note }: { label: string; done: number; total: number; note?: string }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <View className="ann-progress">
      <View className="ann-progress__head">
        <Text className="ann-progress__label">{label}</Text>
        <Text className="ann-progress__value">{total > 0 ? `${done} / ${total}` : '无'}</Text>
      </View>
      <View className="ann-progress__track">
        <View className={`ann-progress__bar${pct >= 100 ? ' ann-progress__bar--done' : ''}`} style={{ width: `${pct}%` }} />
      </View>
      {note ? <Text className="ann-progress__note">{note}</Text> : null}
    </View>
  );
}
