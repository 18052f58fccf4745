/**
 * Taro build configuration, written by hand (taro init cannot reach its templates here).
 * Output goes to dist/<TARO_ENV>: dist/weapp for WeChat, dist/h5 for the browser build that
 * the Node server serves.
 */
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { appCloudAliases } from './app-cloud-modules';
import { appEnv } from './app-env';
import devConfig from './dev';
import prodConfig from './prod';

/** H5: the entry of the script index.html inlines (src/index.html finds it by this name). */
const BOOT_ENTRY = 'boot';

/** The modules of cloud/ the app imports as values (app-cloud-modules.ts). */
const CLOUD_ALIASES = appCloudAliases(path.resolve(__dirname, '..'));
const CLOUD_MODULES = Object.values(CLOUD_ALIASES);

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const env = Object.fromEntries(Object.entries(appEnv(process.env)).map(([key, value]) => [key, JSON.stringify(value)]));

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'siyu-member',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    defineConstants: {},
    env,
    alias: { '@': path.resolve(__dirname, '..', 'src'), ...CLOUD_ALIASES },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: CLOUD_MODULES },
      // Each component's CSS names only its own classes (BEM): the order of two components'
      // files in a shared chunk changes nothing, as in H5 below.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      compile: { include: CLOUD_MODULES },
      // React-rendered HTML components instead of Stencil web components: the first screen
      // neither downloads nor starts the custom-element runtime (the component tests render these too).
      useHtmlComponents: true,
      webpackChain(chain) {
        // Taro's request polyfills fetch and AbortController, which every browser H5 targets has
        // (babel.config.js): not loaded, not parsed.
        chain.merge({ resolve: { alias: { 'whatwg-fetch': false, 'abortcontroller-polyfill/dist/abortcontroller-polyfill-only': false } } });
        // Taro's component styles weigh nothing against the app's classes, as in the weapp.
        chain.module
          .rule('taro-component-css')
          .test(/@tarojs[\\/]components-react[\\/]dist[\\/]index\.css$/)
          .enforce('pre')
          .use('weightless')
          .loader(path.resolve(__dirname, 'h5-component-css-loader.js'));
        // The early requests' script, inlined into index.html (src/index.html): a bundle of its
        // own that shares no chunk with the app, so that it runs before any of the app loads.
        chain.entry(BOOT_ENTRY).add(path.resolve(__dirname, '..', 'src/h5-boot.ts'));
        const splitChunks = chain.optimization.get('splitChunks') as { chunks?: unknown } & object;
        chain.optimization.splitChunks({
          ...splitChunks,
          chunks: (chunk: { name?: string | null; canBeInitial(): boolean }) => chunk.canBeInitial() && chunk.name !== BOOT_ENTRY,
        });
      },
      htmlPluginOption: { excludeChunks: [BOOT_ENTRY] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
  };
  if (mode === 'development' || process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
