import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { AsyncButton } from '@/components/async-button';
import { FieldTextarea, FormField } from '@/components/form-field';
import { RATING_COMMENT_MAX } from '@/domain/order/order.rules';
import './rating.scss';

export const RATING_TAGS = ['准时到达', '态度热情', '服务专业', '问题已解决', '耐心细致'] as const;
const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

export interface RatingInput {
  stars: number;
  tags: string[];
  comment: string;
}

/** 评价: 1–5 stars, quick tags, a comment. */
export function RatingPanel({ onSubmit }: { onSubmit: (input: RatingInput) => Promise<unknown> }) {
  const [stars, setStars] = useState(5);
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const toggle = (tag: string) => setTags((t) => (t.includes(tag) ? t.filter((x) => x !== tag) : [...t, tag]));
  return (
    <View className="card rating">
      <Text className="section-title rating__title">评价这次服务</Text>
      <View className="rating__stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <Text key={n} className={`rating__star${n <= stars ? ' rating__star--on' : ''}`} onClick={() => setStars(n)}>
            ★
          </Text>
        ))}
        <Text className="rating__word">{STAR_WORDS[stars]}</Text>
      </View>
      <View className="rating__tags">
        {RATING_TAGS.map((tag) => (
          <Text key={tag} className={`rating__tag${tags.includes(tag) ? ' rating__tag--on' : ''}`} onClick={() => toggle(tag)}>
            {tag}
          </Text>
        ))}
      </View>
      <FormField
        label="说说您的感受（选填）"
        error={comment.length > RATING_COMMENT_MAX ? `评价最多 ${RATING_COMMENT_MAX} 个字` : undefined}
      >
        <FieldTextarea placeholder="志愿者的服务怎么样？" value={comment} maxlength={RATING_COMMENT_MAX} onChange={setComment} />
      </FormField>
      <AsyncButton onClick={() => onSubmit({ stars, tags, comment: comment.trim() })}>提交评价</AsyncButton>
    </View>
  );
}
