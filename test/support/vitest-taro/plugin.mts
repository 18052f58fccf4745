import type { Plugin } from 'vitest/config';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/** Build-time flags Taro's runtime and components expect (the H5 values). */
export const taroDefines: Record<string, string> = {
  ENABLE_INNER_HTML: 'true',
  ENABLE_ADJACENT_HTML: 'true',
  ENABLE_SIZE_APIS: 'true',
  ENABLE_TEMPLATE_CONTENT: 'true',
  ENABLE_CLONE_NODE: 'true',
  ENABLE_CONTAINS: 'true',
  ENABLE_MUTATION_OBSERVER: 'true',
  DEPRECATED_ADAPTER_COMPONENT: 'false',
  'process.env.TARO_ENV': JSON.stringify('h5'),
  'process.env.TARO_PLATFORM': JSON.stringify('web'),
  'process.env.FRAMEWORK': JSON.stringify('react'),
  'process.env.TARO_APP_API_BASE': JSON.stringify(''),
  'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(''),
  'process.env.TARO_APP_REMINDER_TEMPLATE_ID': JSON.stringify(''),
  'process.env.TARO_APP_TASKS_TEMPLATE_ID': JSON.stringify(''),
};

/** Aliases that make Taro components render as plain React under jsdom. */
export const taroAliases = [
  { find: /^@tarojs\/taro$/, replacement: path.join(root, 'test/support/vitest-taro/taro.ts') },
  { find: /^@tarojs\/components$/, replacement: '@tarojs/components-react' },
];

/** Drops `//# sourceMappingURL` from @tarojs files (their maps point at missing sources). */
export function stripTaroSourceMaps(): Plugin {
  return {
    name: 'strip-taro-sourcemaps',
    enforce: 'pre',
    load(id: string) {
      const file = id.split('?')[0]!;
      if (!/[\\/]node_modules[\\/]@tarojs[\\/].*\.m?js$/.test(file)) return null;
      const code = fs.readFileSync(file, 'utf8');
      return code.replace(/\n\/\/# sourceMappingURL=.*$/gm, '');
    },
  };
}
