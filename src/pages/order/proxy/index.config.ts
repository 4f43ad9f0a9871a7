export default definePageConfig({
  navigationBarTitleText: '代点单',
});
