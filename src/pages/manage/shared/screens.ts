import type { Role } from '@/domain/identity/role';
import { STAFF_ROLES } from './whoami';

export interface ManageScreen {
  title: string;
  desc: string;
  url: string;
  /** Roles that open it (the server checks again: this only hides what would be refused). */
  roles: readonly Role[];
}

/** The 管理 hub: one tile per screen, shown to the roles the policy table lets use it. */
export const MANAGE_SCREENS: readonly ManageScreen[] = [
  { title: '组织架构', desc: '社区、小区、楼栋与楼栋群', url: '/pages/manage/tree/index', roles: STAFF_ROLES },
  { title: '队伍管理', desc: '志愿服务队，新建队伍', url: '/pages/manage/teams/index', roles: STAFF_ROLES },
  { title: '志愿者审核', desc: '实名注册申请', url: '/pages/manage/volunteers/index', roles: STAFF_ROLES },
  { title: '邀请码', desc: '邀请工作人员、楼栋长', url: '/pages/manage/invitations/index', roles: STAFF_ROLES },
  {
    title: '住户绑定审核',
    desc: '确认住户绑定楼栋',
    url: '/pages/manage/bindings/index',
    roles: ['building_head', ...STAFF_ROLES],
  },
];
