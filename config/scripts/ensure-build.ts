/**
 * `tsx config/scripts/ensure-build.ts h5|weapp`: runs `taro build --type <type>` (production)
 * only when dist/<type> is missing or stale — the one place every build for `npm start`,
 * `npm run size` and the test suites goes through. Stale means the hash of the app's sources
 * and build settings differs from dist/<type>/.build-hash: src/, config/ (without
 * config/scripts and the vitest config), babel.config.js, tsconfig.json, project.config.json,
 * package-lock.json, the modules of cloud/ the app bundles (config/app-cloud-modules.ts) and
 * the TARO_APP_* values the build takes (config/app-env.ts). The H5
 * build's text files get gzip and brotli siblings, which the server sends as they are.
 *
 * webpack's output (hundreds of progress lines) goes to dist/.build-<type>.log and is shown
 * only when the build fails; VERBOSE=1 shows it as it comes.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { APP_CLOUD_MODULES } from '../app-cloud-modules';
import { appEnv } from '../app-env';

const ROOT = path.resolve(__dirname, '../..');
const TYPES = { h5: 'index.html', weapp: 'app.json' } as const;
export type BuildType = keyof typeof TYPES;

const INPUT_FILES = ['babel.config.js', 'tsconfig.json', 'project.config.json', 'package-lock.json', ...APP_CLOUD_MODULES];
const INPUT_DIRS = ['src', 'config'];
const EXCLUDED = [/^config\/scripts\//, /^config\/vitest\.config\./];

/** Where a build happens and what it sees; tests point it at a scratch project. */
export interface BuildSite {
  root: string;
  env: Record<string, string | undefined>;
}

const HERE: BuildSite = { root: ROOT, env: process.env };

function walk(root: string, dir: string, out: string[]) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (EXCLUDED.some((re) => re.test(rel))) continue;
    if (entry.isDirectory()) walk(root, rel, out);
    else if (entry.isFile()) out.push(rel);
  }
}

export function buildHash(type: BuildType, { root, env }: BuildSite = HERE): string {
  const files: string[] = [];
  for (const dir of INPUT_DIRS) if (fs.existsSync(path.join(root, dir))) walk(root, dir, files);
  for (const file of INPUT_FILES) if (fs.existsSync(path.join(root, file))) files.push(file);
  files.sort();
  const hash = crypto.createHash('sha256');
  hash.update(`type=${type}\n`);
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\n');
  }
  // What the build takes, not what the shell happens to hold: an unset key and '' are one build
  // (the test runner defines them as '', a shell leaves them unset).
  for (const [key, value] of Object.entries(appEnv(env))) hash.update(`env ${key}=${value}\n`);
  return hash.digest('hex');
}

export type BuildState = 'fresh' | 'stale' | 'missing';

/** Whether dist/<type> is the build of these sources. */
export function buildState(type: BuildType, hash: string, { root }: BuildSite = HERE): BuildState {
  const dist = path.join(root, 'dist', type);
  if (!fs.existsSync(path.join(dist, TYPES[type]))) return 'missing';
  const hashFile = path.join(dist, '.build-hash');
  return fs.existsSync(hashFile) && fs.readFileSync(hashFile, 'utf8').trim() === hash ? 'fresh' : 'stale';
}

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/;
/** Smaller files gain less than the header costs. */
const MIN_COMPRESS_BYTES = 1024;

/** Writes `<file>.gz` and `<file>.br` beside each text file of `dir` that lacks them. */
export function precompress(dir: string): number {
  let written = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const stat = fs.statSync(file);
    if (stat.size < MIN_COMPRESS_BYTES) continue;
    const fresh = (sibling: string) => (fs.statSync(sibling, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= stat.mtimeMs;
    if (fresh(`${file}.gz`) && fresh(`${file}.br`)) continue;
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(bytes, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }),
    );
    written++;
  }
  return written;
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** One build per type at a time (test projects may start in parallel). */
function withLock<T>(type: BuildType, root: string, fn: () => T): T {
  const lock = path.join(root, 'dist', `.build-${type}.lock`);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10 * 60_000) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() - started > 15 * 60_000) throw new Error(`timed out waiting for ${lock}`);
      sleep(500);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** The end of a failed build's output: webpack prints its errors last. */
const FAILURE_TAIL_LINES = 60;

export interface EnsureOptions {
  site?: BuildSite;
  /** Where the progress lines go. */
  log?(line: string): void;
}

export function ensureBuild(type: BuildType, { site = HERE, log = console.log }: EnsureOptions = {}): { built: boolean; ms: number } {
  const { root, env } = site;
  const dist = path.join(root, 'dist', type);
  const hash = buildHash(type, site);
  const short = hash.slice(0, 12);
  if (buildState(type, hash, site) === 'fresh') {
    log(`[ensure-build] dist/${type} is up to date (${short}); not building`);
    // A build made before its files were precompressed gets them now.
    if (type === 'h5') precompress(dist);
    return { built: false, ms: 0 };
  }
  return withLock(type, root, () => {
    const state = buildState(type, hash, site);
    if (state === 'fresh') {
      log(`[ensure-build] dist/${type} was built meanwhile (${short})`);
      return { built: false, ms: 0 };
    }
    const verbose = !!env.VERBOSE && env.VERBOSE !== '0';
    const logFile = path.join(root, 'dist', `.build-${type}.log`);
    const relLog = path.relative(root, logFile);
    log(
      `[ensure-build] dist/${type} is ${state}: building it (taro build --type ${type}, production; ` +
        `${verbose ? "webpack's output follows" : `webpack's output in ${relLog}, VERBOSE=1 shows it`})…`,
    );
    const started = Date.now();
    const out = verbose ? 'inherit' : fs.openSync(logFile, 'w');
    const taro = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'taro.cmd' : 'taro');
    let result: ReturnType<typeof spawnSync>;
    try {
      result = spawnSync(taro, ['build', '--type', type], {
        cwd: root,
        stdio: ['ignore', out, out],
        env: { ...env, NODE_ENV: 'production', TARO_ENV: type },
        shell: process.platform === 'win32',
      });
    } finally {
      if (typeof out === 'number') fs.closeSync(out);
    }
    if (result.status !== 0 || !fs.existsSync(path.join(dist, TYPES[type]))) {
      if (!verbose) {
        const lines = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n');
        log(`[ensure-build] the last ${Math.min(lines.length, FAILURE_TAIL_LINES)} lines of ${relLog}:`);
        log(lines.slice(-FAILURE_TAIL_LINES).join('\n'));
      }
      throw new Error(`taro build --type ${type} failed (exit ${result.status ?? result.signal})`);
    }
    const compressed = type === 'h5' ? `; ${precompress(dist)} files precompressed for gzip and brotli` : '';
    fs.writeFileSync(path.join(dist, '.build-hash'), `${hash}\n`);
    const ms = Date.now() - started;
    log(`[ensure-build] built dist/${type} in ${(ms / 1000).toFixed(1)} s (${short})${compressed}`);
    return { built: true, ms };
  });
}

function main() {
  const type = process.argv[2];
  if (type !== 'h5' && type !== 'weapp') {
    console.error('usage: tsx config/scripts/ensure-build.ts h5|weapp');
    process.exit(2);
  }
  try {
    ensureBuild(type);
  } catch (err) {
    console.error(`[ensure-build] ${(err as Error).message}`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]).replace(/\.ts$/, '') === __filename.replace(/\.ts$/, '')) main();
