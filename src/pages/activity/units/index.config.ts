export default definePageConfig({ navigationBarTitleText: '双报到·单位统计', enablePullDownRefresh: true });
