export default definePageConfig({
  navigationBarTitleText: '文明实践志愿服务',
});
