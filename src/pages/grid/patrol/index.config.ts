export default definePageConfig({
  navigationBarTitleText: '巡查日志',
  enablePullDownRefresh: true,
});
