/**
 * `@tarojs/taro` for component tests under jsdom: Taro's H5 API (request, storage, toast …)
 * plus the page-lifecycle hooks, which only a running Taro app would call (no-ops here).
 * In a build, babel turns `Taro.request` into a named import of the H5 API; here the
 * default export carries every named API instead.
 */
import * as apis from '@tarojs/plugin-platform-h5/dist/runtime/apis';

export * from '@tarojs/plugin-platform-h5/dist/runtime/apis';

const noopHook = (_fn?: unknown) => undefined;
export const useDidShow = noopHook;
export const useDidHide = noopHook;
export const useLoad = noopHook;
export const useReady = noopHook;
export const useUnload = noopHook;
export const useLaunch = noopHook;
export const usePullDownRefresh = noopHook;
export const useReachBottom = noopHook;

const Taro = Object.assign({}, (apis as { default?: object }).default, apis, {
  useDidShow,
  useDidHide,
  useLoad,
  useReady,
  useUnload,
  useLaunch,
  usePullDownRefresh,
  useReachBottom,
});

export default Taro;
