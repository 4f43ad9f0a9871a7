export default definePageConfig({
  navigationBarTitleText: '发送进度',
  enablePullDownRefresh: true,
});
