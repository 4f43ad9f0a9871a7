export default definePageConfig({
  navigationBarTitleText: '转发任务',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
