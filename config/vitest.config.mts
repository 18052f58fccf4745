/**
 * vitest projects: node suites (unit, integration, api, cloud, e2e) with TZ=UTC, and the
 * jsdom suites (components with Taro's H5 components, simulate with the weapp build).
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { stripTaroSourceMaps, taroAliases, taroDefines } from '../test/support/vitest-taro/plugin.mjs';

const root = path.resolve(import.meta.dirname, '..');
const alias = [
  { find: /^@cloud\//, replacement: `${path.join(root, 'cloud')}/` },
  { find: /^@\//, replacement: `${path.join(root, 'src')}/` },
];

/** Migrated PGlite databases start from a template made once per run (test/support/pglite-template.ts). */
const PGLITE_TEMPLATE = 'test/support/pglite-template.ts';

/** `vitest --mode postgres` (npm run test:pg): the database suites on PostgreSQL only. */
const backendsFor = (mode: string) => (mode === 'postgres' ? 'postgres' : '');

/** A suite that reaches PostgreSQL names the backends it runs on, or the server's URL. */
const REACHES_POSTGRES = /\bbackends\b|\bpostgresUrl\b|\bDATABASE_URL\b/;

/**
 * The suites of `dir` to run: all of them, or in postgres mode only those that reach
 * PostgreSQL — the others (an HTTP server on PGlite, a bundle, a spawned process) would only run
 * on PGlite a second time.
 */
function suitesOf(dir: string, mode: string): string[] {
  if (mode !== 'postgres') return [`test/${dir}/**/*.test.ts`];
  return fs
    .readdirSync(path.join(root, 'test', dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && REACHES_POSTGRES.test(fs.readFileSync(path.join(root, 'test', dir, file), 'utf8')))
    .map((file) => `test/${dir}/${file}`);
}

const nodeProject = (name: string, dir: string, mode: string, extra: { testTimeout?: number; hookTimeout?: number } = {}) => ({
  extends: true as const,
  test: {
    name,
    include: suitesOf(dir, mode),
    environment: 'node' as const,
    env: { TZ: 'UTC', TEST_BACKENDS: backendsFor(mode) },
    globalSetup: [PGLITE_TEMPLATE],
    // The suites share their worker's modules (none replaces a module; each opens its own
    // database): one import of the server's code per worker, not per file.
    isolate: false,
    testTimeout: extra.testTimeout ?? 30_000,
    hookTimeout: extra.hookTimeout ?? 120_000,
  },
});

/** The suite that measures the first screen against its budget. */
const FIRST_SCREEN = 'test/e2e/first-screen.test.ts';

const e2eProject = (name: string, test: { include: string[]; exclude?: string[]; fileParallelism?: boolean; maxWorkers?: number }) => ({
  extends: true as const,
  test: {
    name,
    environment: 'node' as const,
    env: { TZ: 'UTC' },
    globalSetup: [PGLITE_TEMPLATE, 'test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // A page waits for a server that shares the CPU with another suite's browser.
    expect: { poll: { timeout: 10_000 } },
    ...test,
  },
});

export default defineConfig(({ mode }) => ({
  root,
  resolve: { alias },
  test: {
    projects: [
      nodeProject('unit', 'unit', mode),
      nodeProject('integration', 'integration', mode),
      nodeProject('api', 'api', mode),
      nodeProject('cloud', 'cloud', mode),
      {
        extends: true,
        plugins: [stripTaroSourceMaps()],
        define: taroDefines,
        resolve: { alias: [...taroAliases, ...alias] },
        test: {
          name: 'components',
          include: ['test/components/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          env: { TZ: 'Asia/Shanghai' },
          server: { deps: { inline: [/@tarojs/, /@stencil/] } },
        },
      },
      {
        extends: true,
        test: {
          name: 'simulate',
          include: ['test/simulate/**/*.test.ts'],
          environment: 'jsdom',
          env: { TZ: 'UTC' },
          globalSetup: [PGLITE_TEMPLATE, 'test/simulate/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 300_000,
          // One weapp build, one test server per file: keep files in one worker at a time.
          fileParallelism: false,
        },
      },
      // The browser suites (npm run test:e2e runs them one after the other): the first screen's
      // timing alone, nothing else on the CPU; then the journeys two files at a time, each with its
      // own server, database and browser.
      e2eProject('e2e-first-screen', { include: [FIRST_SCREEN], fileParallelism: false }),
      e2eProject('e2e', { include: ['test/e2e/**/*.test.ts'], exclude: [FIRST_SCREEN], maxWorkers: 2 }),
    ],
  },
}));
