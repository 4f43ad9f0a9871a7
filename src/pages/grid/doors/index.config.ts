export default definePageConfig({
  navigationBarTitleText: '敲门走访',
  enablePullDownRefresh: true,
});
