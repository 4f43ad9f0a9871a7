export default definePageConfig({ navigationBarTitleText: '补录审核', enablePullDownRefresh: true });
