export default definePageConfig({
  navigationBarTitleText: '派单',
  enablePullDownRefresh: true,
});
