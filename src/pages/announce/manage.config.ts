export default definePageConfig({
  navigationBarTitleText: '发布公告',
  enablePullDownRefresh: true,
});
