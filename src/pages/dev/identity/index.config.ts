export default definePageConfig({
  navigationBarTitleText: '以…身份进入',
});
