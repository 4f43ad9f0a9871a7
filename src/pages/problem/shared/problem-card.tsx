import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CloudImage } from '@/components/cloud-image';
import { formatDateTime } from '@/components/timeline';
import { chinaDay } from '@/domain/problem/problem.rules';
import { PROBLEM_STATE_LABELS, PROBLEM_STATE_TONE, type ProblemState } from '@/domain/problem/problem.states';
import type { ProblemSummary } from '@/domain/problem/problem.views';
import '@/components/status-tag/index.scss';
import './index.scss';

/** The problem state's label in the colours of the order tags; 超期 / 已升级督办 beside it. */
export function ProblemStateTag({
  state,
  overdueLevel = 0,
  overdue = false,
}: {
  state: ProblemState;
  overdueLevel?: number;
  overdue?: boolean;
}) {
  return (
    <Text className="status-tag-wrap">
      <Text className={`status-tag status-tag--${PROBLEM_STATE_TONE[state]}`}>{PROBLEM_STATE_LABELS[state]}</Text>
      {overdueLevel >= 2 ? (
        <Text className="status-tag status-tag--overdue problem-tag--escalated">已升级督办</Text>
      ) : overdue || overdueLevel === 1 ? (
        <Text className="status-tag status-tag--overdue">已超期</Text>
      ) : null}
    </Text>
  );
}

export const detailUrl = (problemId: string) => `/pages/problem/detail/index?problemId=${encodeURIComponent(problemId)}`;

/** 期限: deadlines end with a China working day, so the day says it all (and does not shift with the phone's time zone). */
export const deadlineText = (ms: number | null) => (ms === null ? '' : `${chinaDay(ms)} 当天内`);

/** One problem in a list: category, state, what, where, when, counts. */
export function ProblemCard({ problem, onClick }: { problem: ProblemSummary; onClick?: () => void }) {
  const open = onClick ?? (() => void Taro.navigateTo({ url: detailUrl(problem.problemId) }));
  const counts = [
    problem.secondCount > 0 ? `附议 ${problem.secondCount}` : '',
    problem.reworkCount > 0 ? `返工 ${problem.reworkCount} 次` : '',
    problem.relapseCount > 0 ? `回潮 ${problem.relapseCount} 次` : '',
    problem.selfFixed ? '自查自处' : '',
  ].filter(Boolean);
  return (
    <View
      className={`problem-card ${problem.overdueLevel >= 2 ? 'problem-card--red' : ''}`}
      hoverClass="problem-card--active"
      onClick={open}
    >
      {problem.cover ? <CloudImage fileID={problem.cover} className="problem-card__cover" mode="aspectFill" /> : null}
      <View className="problem-card__body">
        <View className="problem-card__head">
          <Text className="problem-card__title">{problem.categoryName}</Text>
          <ProblemStateTag state={problem.state} overdueLevel={problem.overdueLevel} overdue={problem.overdue} />
        </View>
        <Text className="problem-card__desc">{problem.description}</Text>
        <Text className="problem-card__meta">{problem.placeLabel}</Text>
        {problem.unitNames.length > 0 ? <Text className="problem-card__meta">处置单位：{problem.unitNames.join('、')}</Text> : null}
        {problem.state === 'dispatched' && problem.deadlineAt ? (
          <Text className="problem-card__meta">处置期限：{deadlineText(problem.deadlineAt)}</Text>
        ) : null}
        <Text className="problem-card__meta">
          {problem.no} · 上报于 {formatDateTime(problem.createdAt)}
          {counts.length > 0 ? ` · ${counts.join(' · ')}` : ''}
        </Text>
      </View>
    </View>
  );
}
