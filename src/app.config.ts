const pages = ['pages/index/index', 'pages/mine/index'];

// The identity switcher exists only in the local/browser build; the weapp build never lists it.
if (process.env.TARO_ENV === 'h5') {
  pages.push('pages/dev/identity/index');
}

export default defineAppConfig({
  pages,
  window: {
    navigationBarTitleText: '文明实践志愿服务',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  style: 'v2',
  lazyCodeLoading: 'requiredComponents',
});
