export default definePageConfig({
  navigationBarTitleText: '问题统计',
  enablePullDownRefresh: true,
});
