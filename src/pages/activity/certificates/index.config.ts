export default definePageConfig({ navigationBarTitleText: '出具证明', enablePullDownRefresh: true });
