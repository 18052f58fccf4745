/**
 * `tsx config/scripts/ensure-build.ts h5|weapp`: runs `taro build --type <type>` (production)
 * only when dist/<type> is missing or stale. Stale means the hash of the app's sources and
 * build settings differs from dist/<type>/.build-hash: src/, config/ (without config/scripts
 * and the vitest config), babel.config.js, tsconfig.json, project.config.json,
 * package-lock.json and the TARO_APP_* environment values. The H5 build's text files get
 * gzip and brotli siblings, which the server sends as they are (no compressing per request).
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(__dirname, '../..');
const TYPES = { h5: 'index.html', weapp: 'app.json' } as const;
type BuildType = keyof typeof TYPES;

const INPUT_FILES = ['babel.config.js', 'tsconfig.json', 'project.config.json', 'package-lock.json'];
const INPUT_DIRS = ['src', 'config'];
const EXCLUDED = [/^config\/scripts\//, /^config\/vitest\.config\./];

function walk(dir: string, out: string[]) {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (EXCLUDED.some((re) => re.test(rel))) continue;
    if (entry.isDirectory()) walk(rel, out);
    else if (entry.isFile()) out.push(rel);
  }
}

export function buildHash(type: BuildType, env: NodeJS.ProcessEnv = process.env): string {
  const files: string[] = [];
  for (const dir of INPUT_DIRS) if (fs.existsSync(path.join(ROOT, dir))) walk(dir, files);
  for (const file of INPUT_FILES) if (fs.existsSync(path.join(ROOT, file))) files.push(file);
  files.sort();
  const hash = crypto.createHash('sha256');
  hash.update(`type=${type}\n`);
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(path.join(ROOT, file)));
    hash.update('\n');
  }
  const appEnv = Object.keys(env)
    .filter((k) => k.startsWith('TARO_APP_'))
    .sort();
  for (const key of appEnv) hash.update(`env ${key}=${env[key]}\n`);
  return hash.digest('hex');
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
function withLock<T>(type: BuildType, fn: () => T): T {
  const lock = path.join(ROOT, 'dist', `.build-${type}.lock`);
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

export function ensureBuild(type: BuildType): { built: boolean; ms: number } {
  const dist = path.join(ROOT, 'dist', type);
  const hashFile = path.join(dist, '.build-hash');
  const isFresh = (hash: string) =>
    fs.existsSync(path.join(dist, TYPES[type])) &&
    fs.existsSync(hashFile) &&
    fs.readFileSync(hashFile, 'utf8').trim() === hash;

  const hash = buildHash(type);
  if (isFresh(hash)) {
    console.log(`[ensure-build] dist/${type} is up to date (${hash.slice(0, 12)}); not building`);
    // A build made before its files were precompressed gets them now.
    if (type === 'h5') precompress(dist);
    return { built: false, ms: 0 };
  }
  return withLock(type, () => {
    if (isFresh(hash)) {
      console.log(`[ensure-build] dist/${type} was built meanwhile (${hash.slice(0, 12)})`);
      return { built: false, ms: 0 };
    }
    const why = fs.existsSync(path.join(dist, TYPES[type])) ? 'stale' : 'missing';
    console.log(`[ensure-build] dist/${type} is ${why}: running taro build --type ${type} (production)`);
    const started = Date.now();
    const taro = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'taro.cmd' : 'taro');
    const result = spawnSync(taro, ['build', '--type', type], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', TARO_ENV: type },
      shell: process.platform === 'win32',
    });
    if (result.status !== 0 || !fs.existsSync(path.join(dist, TYPES[type]))) {
      throw new Error(`taro build --type ${type} failed (exit ${result.status ?? result.signal})`);
    }
    if (type === 'h5') console.log(`[ensure-build] precompressed ${precompress(dist)} files (gzip, brotli)`);
    fs.writeFileSync(hashFile, `${hash}\n`);
    const ms = Date.now() - started;
    console.log(`[ensure-build] built dist/${type} in ${(ms / 1000).toFixed(1)} s (${hash.slice(0, 12)})`);
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
