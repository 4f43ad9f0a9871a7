export default definePageConfig({ navigationBarTitleText: '签到 / 签退' });
