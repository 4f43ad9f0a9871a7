export default definePageConfig({
  navigationBarTitleText: '队伍订单',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
