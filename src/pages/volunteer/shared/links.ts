import Taro from '@tarojs/taro';

/** The volunteer subpackage's addresses (我的 links to the same ones). */
export const REGISTER_PAGE = '/pages/volunteer/register/index';
export const TEAMS_PAGE = '/pages/volunteer/teams/index';
export const teamPage = (teamId: string) => `/pages/volunteer/team/index?id=${encodeURIComponent(teamId)}`;

export const openTeam = (teamId: string) => void Taro.navigateTo({ url: teamPage(teamId) });
export const openRegister = () => Taro.navigateTo({ url: REGISTER_PAGE });
