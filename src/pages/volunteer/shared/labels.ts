import type { TeamRelation } from '@/domain/team/team.views';
import { VOLUNTEER_STATUS_LABELS, type VolunteerStatus } from '@/domain/team/volunteer.rules';
import type { BadgeTone } from './badge';

export const STATUS_BADGE: Readonly<Record<VolunteerStatus, { label: string; tone: BadgeTone }>> = {
  pending: { label: VOLUNTEER_STATUS_LABELS.pending, tone: 'waiting' },
  approved: { label: VOLUNTEER_STATUS_LABELS.approved, tone: 'done' },
  rejected: { label: VOLUNTEER_STATUS_LABELS.rejected, tone: 'refused' },
};

/** My relation to a team, as its card shows it (nothing when I have none). */
export const RELATION_BADGE: Readonly<Record<Exclude<TeamRelation, 'none'>, { label: string; tone: BadgeTone }>> = {
  leader: { label: '队长', tone: 'lead' },
  member: { label: '成员', tone: 'done' },
  requested: { label: '申请中', tone: 'waiting' },
};

/** 4.8 分, or 暂无评分 for a new team. */
export const ratingText = (rating: number) => (rating > 0 ? `${rating.toFixed(1)} 分` : '暂无评分');

export const areaText = (area: readonly { name: string }[]) =>
  area
    .map((a) => a.name)
    .filter(Boolean)
    .join('、') || '—';
