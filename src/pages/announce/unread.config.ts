export default definePageConfig({
  navigationBarTitleText: '未读住户',
  enablePullDownRefresh: true,
});
