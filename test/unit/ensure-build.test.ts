/**
 * Build reuse (config/scripts/ensure-build.ts), decided on a scratch project: a build is reused
 * while the app's sources and the build settings it takes are unchanged, and made again when
 * one of them changes; a build prints a line or two, not webpack's hundreds (a stand-in `taro`
 * prints them), and a failed one shows the end of its output.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHash, buildState, ensureBuild, type BuildSite } from '../../config/scripts/ensure-build';

type Env = BuildSite['env'];

let root: string;
const site = (env: Env = {}): BuildSite => ({ root, env });
const write = (file: string, content: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), content);
};

/** dist/weapp as a finished build of the sources as they are now. */
function markBuilt(env: Env = {}) {
  write('dist/weapp/app.json', '{}');
  write('dist/weapp/.build-hash', `${buildHash('weapp', site(env))}\n`);
}
const state = (env: Env = {}) => buildState('weapp', buildHash('weapp', site(env)), site(env));

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-build-'));
  write('src/app.ts', 'export {};\n');
  write('src/pages/home/index.tsx', 'export default function Home() { return null; }\n');
  write('config/index.ts', 'export default {};\n');
  write('config/scripts/size.ts', 'console.log(1);\n');
  write('config/vitest.config.mts', 'export default {};\n');
  write('test/unit/a.test.ts', '');
  write('package-lock.json', '{"lockfileVersion":3}\n');
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('whether dist/<type> is reused', () => {
  it('a build of unchanged sources is fresh; none at all is missing', () => {
    expect(state()).toBe('missing');
    markBuilt();
    expect(state()).toBe('fresh');
  });

  it.each([
    ['an app source changes', () => write('src/pages/home/index.tsx', 'export default function Home() { return 1; }\n')],
    ['an app source is added', () => write('src/components/New/index.tsx', 'export {};\n')],
    ['the build config changes', () => write('config/index.ts', 'export default { mini: {} };\n')],
    ['the lock file changes', () => write('package-lock.json', '{"lockfileVersion":3,"packages":{}}\n')],
    ['a file the build reads at the root changes', () => write('babel.config.js', 'module.exports = {};\n')],
  ])('stale when %s', (_, change) => {
    markBuilt();
    change();
    expect(state()).toBe('stale');
  });

  it.each([
    ['a script beside the config changes (size, start, ensure-build)', () => write('config/scripts/size.ts', 'console.log(2);\n')],
    ['the test config changes', () => write('config/vitest.config.mts', 'export default { test: {} };\n')],
    ['a test changes', () => write('test/unit/a.test.ts', 'it("x", () => {});\n')],
    ['the server changes', () => write('cloud/server/app.ts', 'export {};\n')],
  ])('still fresh when %s', (_, change) => {
    markBuilt();
    change();
    expect(state()).toBe('fresh');
  });

  it('the test runner’s empty TARO_APP_* values are the same build as a shell without them', () => {
    markBuilt({});
    expect(state({ TARO_APP_API_BASE: '', TARO_APP_CLOUD_ENV: '', TARO_APP_REMINDER_TEMPLATE_ID: '' })).toBe('fresh');
    // Variables the build does not take change nothing either.
    expect(state({ NODE_ENV: 'test', VERBOSE: '1', TARO_ENV: 'h5', TARO_APP_UNUSED: 'x' })).toBe('fresh');
  });

  it.each([
    ['TARO_APP_API_BASE', 'https://api.example.com'],
    ['TARO_APP_CLOUD_ENV', 'prod-1a2b3c'],
    ['TARO_APP_REMINDER_TEMPLATE_ID', 'tmpl-42'],
  ])('a build setting the app takes (%s) makes another build', (key, value) => {
    markBuilt({});
    expect(state({ [key]: value })).toBe('stale');
  });

  it('the H5 and weapp builds of the same sources are told apart', () => {
    expect(buildHash('h5', site())).not.toBe(buildHash('weapp', site()));
  });
});

describe('building', () => {
  /** A stand-in for `taro build`: webpack's chatter, then the build's output, or a failure. */
  function fakeTaro(fail = false) {
    write(
      'node_modules/.bin/taro',
      [
        '#!/bin/sh',
        'i=0',
        'while [ $i -lt 560 ]; do echo "● Webpack building ($i%) 1/2 entries"; i=$((i+1)); done',
        fail ? 'echo "ERROR in ./src/app.ts: Unexpected token (3:1)"; exit 1' : 'mkdir -p dist/$TARO_ENV && echo "{}" > dist/$TARO_ENV/app.json',
        '',
      ].join('\n'),
    );
    fs.chmodSync(path.join(root, 'node_modules/.bin/taro'), 0o755);
  }

  it('prints one line to start and one when done, keeps webpack’s output in a log, and reuses the build next time', () => {
    fakeTaro();
    const lines: string[] = [];
    const first = ensureBuild('weapp', { site: site(), log: (l) => lines.push(l) });
    expect(first.built).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      "[ensure-build] dist/weapp is missing: building it (taro build --type weapp, production; webpack's output in dist/.build-weapp.log, VERBOSE=1 shows it)…",
    );
    expect(lines[1]).toMatch(/^\[ensure-build\] built dist\/weapp in \d+\.\d s \([0-9a-f]{12}\)$/);
    expect(fs.readFileSync(path.join(root, 'dist/.build-weapp.log'), 'utf8').split('\n').filter(Boolean)).toHaveLength(560);

    lines.length = 0;
    expect(ensureBuild('weapp', { site: site({ TARO_APP_API_BASE: '' }), log: (l) => lines.push(l) }).built).toBe(false);
    expect(lines).toEqual([expect.stringMatching(/^\[ensure-build\] dist\/weapp is up to date \([0-9a-f]{12}\); not building$/)]);

    write('src/app.ts', 'export const changed = true;\n');
    lines.length = 0;
    expect(ensureBuild('weapp', { site: site(), log: (l) => lines.push(l) }).built).toBe(true);
    expect(lines[0]).toContain('dist/weapp is stale: building it');
  });

  it('a failed build shows the end of webpack’s output and throws', () => {
    fakeTaro(true);
    const lines: string[] = [];
    expect(() => ensureBuild('weapp', { site: site(), log: (l) => lines.push(l) })).toThrow('taro build --type weapp failed (exit 1)');
    expect(lines[1]).toBe('[ensure-build] the last 60 lines of dist/.build-weapp.log:');
    const tail = lines[2]!.split('\n');
    expect(tail).toHaveLength(60);
    expect(tail.at(-1)).toBe('ERROR in ./src/app.ts: Unexpected token (3:1)');
    expect(fs.existsSync(path.join(root, 'dist/weapp/.build-hash'))).toBe(false);
  });
});
