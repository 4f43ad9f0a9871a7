export default definePageConfig({
  navigationBarTitleText: '待处置问题',
  enablePullDownRefresh: true,
});
