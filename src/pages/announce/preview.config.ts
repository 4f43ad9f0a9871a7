export default definePageConfig({
  navigationBarTitleText: '预览公告',
});
