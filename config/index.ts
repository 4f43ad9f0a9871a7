import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/** H5 production split: shared code of the lazily loaded pages goes to shared chunks, loaded once. */
function h5SplitChunks() {
  return {
    chunks: 'all' as const,
    hidePathInfo: true,
    minSize: 10_000,
    cacheGroups: {
      default: false as const,
      defaultVendors: false as const,
      // The entry in three files of similar size (each under webpack's 244 KiB hint), cached apart:
      // React, Taro's runtime, the app.
      react: {
        test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
        chunks: 'initial' as const,
        name: 'react',
        priority: 110,
      },
      taro: {
        test: /[\\/]node_modules[\\/]@tarojs[\\/]/,
        chunks: 'initial' as const,
        name: 'taro',
        priority: 100,
      },
      vendors: { test: /[\\/]node_modules[\\/]/, minChunks: 2, priority: 10, reuseExistingChunk: true },
      common: { minChunks: 2, priority: 1, reuseExistingChunk: true },
    },
  };
}

/** `H5_STATS=file npm run build:h5` writes which modules each chunk holds (bytes before minifying), to see what a page loads. */
class ChunkReportPlugin {
  constructor(private readonly file: string) {}
  apply(compiler: import('webpack').Compiler) {
    compiler.hooks.done.tap('ChunkReportPlugin', ({ compilation }) => {
      const { chunkGraph } = compilation;
      const flatten = (m: import('webpack').Module): import('webpack').Module[] =>
        'modules' in m && Array.isArray(m.modules) ? (m.modules as import('webpack').Module[]).flatMap(flatten) : [m];
      const report = [...compilation.chunks].map((chunk) => ({
        id: chunk.id,
        initial: chunk.canBeInitial(),
        files: [...chunk.files],
        modules: [...chunkGraph.getChunkModulesIterable(chunk)]
          .flatMap(flatten)
          .map((m) => ({ name: m.nameForCondition() ?? m.identifier(), size: m.size() }))
          .sort((a, b) => b.size - a.size),
      }));
      require('node:fs').writeFileSync(this.file, JSON.stringify(report, null, 1));
    });
  }
}

/**
 * Taro build configuration, written by hand (no `taro init`).
 * Each target builds into its own folder (dist/weapp, dist/h5) so one build never wipes the other.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'civility-volunteer',
    date: '2025-01-01',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // TARO_OUTPUT_ROOT lets a second build (another person's, or a test's) go elsewhere than dist/.
    outputRoot: `${process.env.TARO_OUTPUT_ROOT ?? 'dist'}/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    defineConstants: {},
    // TARO_APP_* values from the shell; `.env*` files (if any) take precedence (Taro merges them on top).
    env: {
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    // errorLevel 1: a failed compile exits non-zero (Taro's default logs the errors and exits 0)
    compiler: { type: 'webpack5', prebundle: { enable: false }, errorLevel: 1 },
    cache: { enable: false },
    mini: {
      // Component stylesheets only style their own BEM blocks (`.elder .x` included), so the order
      // they land in the common chunk cannot change a page: don't warn about it.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        // px, not rpx: rpx grows with the window, so in PC WeChat (`resizable`) a desk-wide window
        // would show 34 design px as 65 CSS px. At px a design px is half a CSS px on every screen (a
        // 375-wide phone as before), and wide windows get wide layouts from src/styles/desk.scss.
        // (Taro's type lists rpx / rem / vw only; postcss-pxtransform takes px for mini-programs too.)
        pxtransform: { enable: true, config: { targetUnit: 'px' as 'rpx' } },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      devServer: {
        host: '127.0.0.1',
        port: 10086,
        // `taro build --type h5 --watch` serves the app; the local cloud's gateway answers /gateway/*.
        proxy: {
          '/gateway': { target: process.env.GATEWAY_URL ?? 'http://127.0.0.1:8787', changeOrigin: false },
        },
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      webpackChain(chain) {
        if (process.env.NODE_ENV !== 'development') {
          chain.optimization.splitChunks(h5SplitChunks());
          // Webpack's hints count bytes before compression. Every file stays under its 244 KiB hint;
          // the entry (React, Taro's runtime and the app: about 330 KiB, 90 KB as brotli) cannot, so its
          // hint is our own ceiling. What a visitor downloads is checked compressed, by
          // tests/e2e/h5-weight.test.ts and npm run bench (home ≤ 250 KB transferred).
          chain.performance
            .hints('warning')
            .maxAssetSize(244 * 1024)
            .maxEntrypointSize(360 * 1024);
        }
        if (process.env.H5_STATS) chain.plugin('chunk-report').use(ChunkReportPlugin, [process.env.H5_STATS]);
      },
      postcss: {
        // The root font follows the window (Taro's flexible rem) only up to a large phone's: 390 px
        // wide gives 20.8 px as before; a desk window stays at 21 px instead of 40 px (text twice as
        // big, buttons 1,300 px wide). Wide layouts come from src/styles/desk.scss.
        pxtransform: { enable: true, config: { maxRootSize: 21 } },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
