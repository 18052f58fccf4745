/**
 * The weapp's way to WeChat, one command each (package.json):
 * - `build:weapp` — a development build (API at http://127.0.0.1:3000 unless TARO_APP_API_BASE
 *   says otherwise); with NODE_ENV=production it is a release build, as `release:weapp`;
 * - `release:weapp` — refuses without an HTTPS API base a phone reaches or a cloud env, and
 *   without WECHAT_APPID (release-rules.ts); builds; writes the AppID into
 *   project.private.config.json (WeChat DevTools reads it over project.config.json; git ignores
 *   it); runs the size and code-quality checks; prints the domains the console must list;
 * - `upload:weapp` / `preview:weapp` — the release, then miniprogram-ci upload (version from
 *   package.json, note from the last commit) or preview (a QR code in the terminal), refused
 *   without WECHAT_CI_PRIVATE_KEY or when the build fails the checks;
 * - `deploy:cloud` — builds the cloud functions and uploads each folder to TARO_APP_CLOUD_ENV
 *   (dependencies installed by WeChat), with the jobs function's timer.
 * What reaches WeChat's servers goes through WechatServers (tests give a recording stand-in).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { buildCloudFunctions, cloudFunctionRoot } from './build-cloud';
import { ensureBuild } from './ensure-build';
import { ciKey, ciRobot, CONSOLE, MISSING_KEY, releaseProblems, requestDomains, uploadVersion, type Env } from './release-rules';
import { checkWeapp, throwawayKey, type WeappCheck } from './weapp-checks';

type Project = InstanceType<typeof ci.Project>;

/** miniprogram-ci's calls that reach WeChat. */
export interface WechatServers {
  upload(options: { project: Project; version: string; desc: string; robot: number; setting: object; onProgressUpdate(p: unknown): void }): Promise<{ subPackageInfo?: Array<{ name: string; size: number }> }>;
  preview(options: { project: Project; desc: string; robot: number; setting: object; qrcodeFormat: 'terminal'; qrcodeOutputDest: string; onProgressUpdate(p: unknown): void }): Promise<unknown>;
  uploadFunction(options: { project: Project; env: string; name: string; path: string; remoteNpmInstall: boolean }): Promise<unknown>;
  createTimeTrigger(options: { project: Project; envId: string; functionName: string; triggersConfig: Array<{ name: string; type: string; config: string }> }): Promise<unknown>;
}

const cloudCi = (ci as unknown as { cloud: Pick<WechatServers, 'uploadFunction' | 'createTimeTrigger'> }).cloud;

export const miniprogramCi: WechatServers = {
  upload: (o) => ci.upload(o as Parameters<typeof ci.upload>[0]) as ReturnType<WechatServers['upload']>,
  preview: (o) => ci.preview(o as unknown as Parameters<typeof ci.preview>[0]),
  uploadFunction: (o) => cloudCi.uploadFunction(o),
  createTimeTrigger: (o) => cloudCi.createTimeTrigger(o),
};

export interface WechatDeps {
  root: string;
  env: Env;
  log(line: string): void;
  servers: WechatServers;
  /** The weapp built for `env` into <root>/dist/weapp. */
  build(env: Env): void;
  check(project: Project): Promise<WeappCheck>;
  /** The cloud functions built; their folders' paths. */
  buildCloud(): Promise<string[]>;
  lastCommit(): { hash: string; subject: string };
}

export type WechatCommand = 'build' | 'release' | 'upload' | 'preview' | 'deploy-cloud';

const project = (root: string, appid: string, key: { privateKey: string } | { privateKeyPath: string }) =>
  new ci.Project({ appid, type: 'miniProgram', projectPath: root, ...key, ignores: ['node_modules/**/*'] });

/** The AppID into project.private.config.json, keeping what else the developer has there. */
function writePrivateConfig(root: string, appid: string): string {
  const file = path.join(root, 'project.private.config.json');
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(file, `${JSON.stringify({ ...current, appid }, null, 2)}\n`);
  return file;
}

function refuse(deps: WechatDeps, what: string, problems: string[]): number {
  for (const problem of problems) deps.log(`${what} refused: ${problem}`);
  return 1;
}

/** The release build with its checks; the project to upload, or the exit code of a refusal. */
async function release(deps: WechatDeps, what: string, key: { privateKey: string } | { privateKeyPath: string } | null): Promise<Project | number> {
  const { env, root, log } = deps;
  const problems = releaseProblems(env);
  if (problems.length) return refuse(deps, what, problems);
  const appid = env.WECHAT_APPID!.trim();
  deps.build({ ...env, NODE_ENV: 'production' });
  log(`AppID ${appid} written to ${path.relative(root, writePrivateConfig(root, appid))} (not committed: .gitignore)`);
  const scratch = key ? null : throwawayKey();
  try {
    const built = project(root, appid, key ?? { privateKeyPath: scratch!.file });
    const check = await deps.check(built);
    for (const line of check.lines) log(line);
    if (!check.ok) return refuse(deps, what, ['the build fails the size or code-quality checks above']);
    const domains = requestDomains(env);
    log('');
    if (domains.length) {
      log(`Server domains to list in the console (${CONSOLE.domains}):`);
      for (const d of domains) log(`  ${d.list.padEnd(16)} ${d.domain}  (${d.why})`);
    } else {
      log(`Requests go through wx.cloud (env ${env.TARO_APP_CLOUD_ENV}): no request domain to list; WeChat Pay notices still need the Node server at PUBLIC_URL.`);
    }
    return built;
  } finally {
    scratch?.cleanup();
  }
}

/** The key and robot an upload needs, or the refusal's lines. */
function credentials(env: Env): { key: { privateKey: string } | { privateKeyPath: string }; robot: number } | string[] {
  const key = ciKey(env);
  const robot = ciRobot(env);
  const problems = [...(key ? [] : [MISSING_KEY]), ...(typeof robot === 'string' ? [robot] : [])];
  if ('privateKeyPath' in (key ?? {}) && !fs.existsSync((key as { privateKeyPath: string }).privateKeyPath)) {
    problems.push(`WECHAT_CI_PRIVATE_KEY=${(key as { privateKeyPath: string }).privateKeyPath}: no such file (${CONSOLE.key})`);
  }
  return problems.length ? problems : { key: key!, robot: robot as number };
}

const progress = (log: (line: string) => void) => (p: unknown) => {
  const { message, status } = (p ?? {}) as { message?: string; status?: string };
  if (message) log(`  ${status === 'done' ? '✓' : '…'} ${message}`);
};

export async function runWechat(command: WechatCommand, deps: WechatDeps): Promise<number> {
  const { env, log, root } = deps;
  if (command === 'build' && env.NODE_ENV !== 'production') {
    deps.build(env);
    if (!env.TARO_APP_API_BASE && !env.TARO_APP_CLOUD_ENV) log('development build: the app calls http://127.0.0.1:3000 (npm start). For a phone, use npm run release:weapp.');
    return 0;
  }
  if (command === 'build' || command === 'release') {
    const built = await release(deps, 'release build', null);
    return typeof built === 'number' ? built : 0;
  }
  const what = command === 'deploy-cloud' ? 'deploy:cloud' : `${command}:weapp`;
  const creds = credentials(env);
  if (Array.isArray(creds)) return refuse(deps, what, creds);

  if (command === 'deploy-cloud') {
    const cloudEnv = env.TARO_APP_CLOUD_ENV?.trim();
    const appid = env.WECHAT_APPID?.trim();
    const problems = [
      ...(cloudEnv ? [] : [`set TARO_APP_CLOUD_ENV=<cloud env id> (${CONSOLE.cloudEnv})`]),
      ...releaseProblems({ ...env, TARO_APP_CLOUD_ENV: cloudEnv || 'set' }).filter((p) => p.includes('WECHAT_APPID')),
    ];
    if (problems.length) return refuse(deps, what, problems);
    const target = project(root, appid!, creds.key);
    const dirs = await deps.buildCloud();
    for (const [i, dir] of dirs.entries()) {
      const name = path.basename(dir);
      await deps.servers.uploadFunction({ project: target, env: cloudEnv!, name, path: dir, remoteNpmInstall: true });
      const configFile = path.join(dir, 'config.json');
      const triggers = fs.existsSync(configFile) ? ((JSON.parse(fs.readFileSync(configFile, 'utf8')) as { triggers?: Array<{ name: string; type: string; config: string }> }).triggers ?? []) : [];
      if (triggers.length) await deps.servers.createTimeTrigger({ project: target, envId: cloudEnv!, functionName: name, triggersConfig: triggers });
      log(`[${i + 1}/${dirs.length}] ${name} uploaded to ${cloudEnv}${triggers.length ? ` with its timer ${triggers.map((t) => t.config).join(', ')}` : ''}`);
    }
    log(`deploy:cloud: ${dirs.length} functions uploaded; set DATABASE_URL in each function's environment variables (README).`);
    return 0;
  }

  const built = await release(deps, what, creds.key);
  if (typeof built === 'number') return built;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const { version, desc } = uploadVersion(pkg.version, deps.lastCommit());
  const setting = { useProjectConfig: true };
  if (command === 'upload') {
    log(`Uploading version ${version} (${desc}) as robot ${creds.robot}…`);
    const result = await deps.servers.upload({ project: built, version, desc, robot: creds.robot, setting, onProgressUpdate: progress(log) });
    for (const p of result.subPackageInfo ?? []) log(`  ${p.name === '__FULL__' ? 'whole' : p.name === '__APP__' ? 'main package' : p.name}: ${(p.size / 1024).toFixed(1)} KB`);
    log(`upload:weapp: version ${version} uploaded; submit it for review in the console (版本管理 → 开发版本).`);
    return 0;
  }
  log(`Preview of ${desc} as robot ${creds.robot}: scan the QR code below with WeChat.`);
  await deps.servers.preview({
    project: built,
    desc,
    robot: creds.robot,
    setting,
    qrcodeFormat: 'terminal',
    qrcodeOutputDest: path.join(root, 'dist', 'preview-qrcode.txt'),
    onProgressUpdate: progress(log),
  });
  return 0;
}

const COMMANDS: readonly WechatCommand[] = ['build', 'release', 'upload', 'preview', 'deploy-cloud'];

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  const command = process.argv[2] as WechatCommand;
  if (!COMMANDS.includes(command)) {
    console.error(`usage: tsx config/scripts/wechat.ts ${COMMANDS.join('|')}`);
    process.exit(2);
  }
  const root = path.resolve(__dirname, '../..');
  runWechat(command, {
    root,
    env: process.env,
    log: (line) => console.log(line),
    servers: miniprogramCi,
    build: (env) => void ensureBuild('weapp', { site: { root, env } }),
    check: checkWeapp,
    buildCloud: async () => (await buildCloudFunctions()).map((name) => path.join(cloudFunctionRoot(), name)),
    lastCommit: () => {
      const [hash = '', subject = ''] = execFileSync('git', ['log', '-1', '--format=%H%n%s'], { cwd: root, encoding: 'utf8' }).trim().split('\n');
      return { hash, subject };
    },
  }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
