export default definePageConfig({
  navigationBarTitleText: '绑定楼栋',
});
