/**
 * H5: Taro's component styles are made weightless (:where) so that the app's one-class styles
 * win over them, as over WeChat's built-in component styles in the weapp.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const loader = createRequire(import.meta.url)('../../config/h5-component-css-loader.js') as ((css: string) => string) & {
  weightless(selector: string): string;
};

describe('the H5 component-style loader', () => {
  it.each([
    ['.taro-button-core.taro-btn-default', ':where(.taro-button-core.taro-btn-default)'],
    ['.taro-button-core+.taro-button-core', ':where(.taro-button-core+.taro-button-core)'],
    ['.taro-button-core:not(.taro-btn-disabled):active', ':where(.taro-button-core:not(.taro-btn-disabled):active)'],
    ['.taro-button-core::after', ':where(.taro-button-core)::after'],
    ['.weui-switch:before', ':where(.weui-switch):before'],
    ['input::-webkit-input-placeholder', ':where(input)::-webkit-input-placeholder'],
    ['::selection', '::selection'],
  ])('%s → %s', (selector, expected) => {
    expect(loader.weightless(selector)).toBe(expected);
  });

  it('rewrites every rule of a stylesheet, each selector of a list, and leaves keyframes alone', () => {
    const css = [
      '.taro-button-core.taro-btn-default{background-color:#f8f8f8;color:#000}',
      '.a,.b::after{margin-top:15px}',
      '@media (min-width:1px){.c .d{color:red}}',
      '@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}',
    ].join('');
    expect(loader(css)).toBe(
      [
        ':where(.taro-button-core.taro-btn-default){background-color:#f8f8f8;color:#000}',
        ':where(.a),:where(.b)::after{margin-top:15px}',
        '@media (min-width:1px){:where(.c .d){color:red}}',
        '@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}',
      ].join(''),
    );
  });
});
