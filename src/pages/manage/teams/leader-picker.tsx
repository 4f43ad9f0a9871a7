import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FieldInput } from '@/components/form-field';
import type { LeaderCandidate } from '@/domain/team/team.views';

/** How many matches are listed at once: narrow down by typing. */
const SHOWN = 6;

const describe = (c: LeaderCandidate) =>
  [c.phoneMasked, c.teams.length > 0 ? c.teams.join('、') : c.communityName || '已通过审核'].filter(Boolean).join(' · ');

/** 队长: find an approved volunteer by masked name or the phone's last digits, tap to choose. */
export function LeaderPicker({
  candidates,
  picked,
  onPick,
}: {
  candidates: readonly LeaderCandidate[];
  picked: LeaderCandidate | null;
  onPick: (c: LeaderCandidate | null) => void;
}) {
  const [query, setQuery] = useState('');
  const q = query.trim();
  const matches = candidates.filter(
    (c) => !q || c.displayName.includes(q) || c.phoneMasked.endsWith(q) || c.teams.some((t) => t.includes(q)),
  );
  if (picked) {
    return (
      <View className="leader leader--picked">
        <View className="leader__main">
          <Text className="leader__name">{picked.displayName}</Text>
          <Text className="leader__meta">{describe(picked)}</Text>
        </View>
        <Text className="leader__change" onClick={() => onPick(null)}>
          重新选择
        </Text>
      </View>
    );
  }
  return (
    <View className="leader">
      <FieldInput placeholder="按姓氏、手机尾号或队伍查找" value={query} onChange={setQuery} />
      {matches.length === 0 ? <Text className="leader__none">没有符合的已审核志愿者</Text> : null}
      {matches.slice(0, SHOWN).map((c) => (
        <View key={c.openid} className="leader__row" hoverClass="leader__row--active" onClick={() => onPick(c)}>
          <View className="leader__main">
            <Text className="leader__name">{c.displayName}</Text>
            <Text className="leader__meta">{describe(c)}</Text>
          </View>
          <Text className="leader__pick">选择</Text>
        </View>
      ))}
      {matches.length > SHOWN ? <Text className="leader__none">还有 {matches.length - SHOWN} 位，请输入更多条件</Text> : null}
    </View>
  );
}
