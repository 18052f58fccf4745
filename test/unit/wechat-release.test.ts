/**
 * The release commands (config/scripts/wechat.ts) against a scratch project: what they refuse
 * and say, what they build with, what they write, and the arguments miniprogram-ci gets.
 * WeChat's servers are a recording stand-in answering as miniprogram-ci does; the build and the
 * checks are given (both are tested on their own: ensure-build.test.ts, `npm run size` in CI).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWechat, type WechatCommand, type WechatDeps, type WechatServers } from '../../config/scripts/wechat';
import type { Env } from '../../config/scripts/release-rules';

const APPID = 'wx0123456789abcdef';
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEtest\n-----END RSA PRIVATE KEY-----';
const RELEASE: Env = { TARO_APP_API_BASE: 'https://api.brand.cn', WECHAT_APPID: APPID };

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-release-'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ version: '1.4.0' }));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function harness(env: Env, { checksPass = true, cloudDirs = [] as string[] } = {}) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const builds: Env[] = [];
  const lines: string[] = [];
  const servers: WechatServers = {
    async upload(o) {
      calls.push(['upload', o]);
      return { subPackageInfo: [{ name: '__FULL__', size: 2_048_000 }, { name: '__APP__', size: 700_000 }, { name: 'packages/admin', size: 300_000 }] };
    },
    async preview(o) {
      calls.push(['preview', o]);
      return {};
    },
    async uploadFunction(o) {
      calls.push(['uploadFunction', o]);
      return {};
    },
    async createTimeTrigger(o) {
      calls.push(['createTimeTrigger', o]);
      return {};
    },
  };
  const deps: WechatDeps = {
    root,
    env,
    log: (line) => lines.push(line),
    servers,
    build: (e) => void builds.push(e),
    check: async () => ({ ok: checksPass, mainBytes: 700_000, lines: [checksPass ? '  PASS  all rules' : '  FAIL  main package over budget'] }),
    buildCloud: async () => cloudDirs,
    lastCommit: () => ({ hash: 'abcdef0123456789', subject: '运营: 订单与履约' }),
  };
  return { deps, calls, builds, lines, run: (command: WechatCommand) => runWechat(command, deps) };
}

describe('release builds', () => {
  it('a development build keeps today’s default and says where it points', async () => {
    const h = harness({});
    expect(await h.run('build')).toBe(0);
    expect(h.builds).toEqual([{}]);
    expect(h.lines.join('\n')).toContain('http://127.0.0.1:3000');
  });

  it.each([
    ['build with NODE_ENV=production', 'build' as const, { NODE_ENV: 'production', WECHAT_APPID: APPID }, 'TARO_APP_API_BASE=https://<your API host>'],
    ['release without an API base or a cloud env', 'release' as const, { WECHAT_APPID: APPID }, 'http://127.0.0.1:3000, which no phone reaches'],
    ['release with an http:// API base', 'release' as const, { TARO_APP_API_BASE: 'http://api.brand.cn', WECHAT_APPID: APPID }, 'is not https://'],
    ['release without an AppID', 'release' as const, { TARO_APP_API_BASE: 'https://api.brand.cn' }, 'set WECHAT_APPID'],
  ])('%s is refused before anything is built', async (_name, command, env, said) => {
    const h = harness(env);
    expect(await h.run(command)).toBe(1);
    expect(h.builds).toEqual([]);
    expect(h.lines.every((l) => l.startsWith('release build refused: '))).toBe(true);
    expect(h.lines.join('\n')).toContain(said);
  });

  it('builds for production with the API base, writes the AppID beside project.config.json and prints the domains', async () => {
    fs.writeFileSync(path.join(root, 'project.private.config.json'), JSON.stringify({ setting: { compileHotReLoad: true }, appid: 'touristappid' }));
    const h = harness(RELEASE);
    expect(await h.run('release')).toBe(0);
    expect(h.builds).toEqual([{ ...RELEASE, NODE_ENV: 'production' }]);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'project.private.config.json'), 'utf8'))).toEqual({ setting: { compileHotReLoad: true }, appid: APPID });
    const said = h.lines.join('\n');
    expect(said).toContain('  PASS  all rules');
    expect(said).toMatch(/request合法域名 +https:\/\/api\.brand\.cn /);
    expect(said).toMatch(/downloadFile合法域名 +https:\/\/api\.brand\.cn /);
    expect(h.calls).toEqual([]);
  });

  it('a build that fails the checks is refused', async () => {
    const h = harness(RELEASE, { checksPass: false });
    expect(await h.run('release')).toBe(1);
    expect(h.lines.at(-1)).toBe('release build refused: the build fails the size or code-quality checks above');
  });
});

describe('upload and preview', () => {
  it('without the key: one line saying what to set and where WeChat gives it, and nothing built', async () => {
    const h = harness(RELEASE);
    expect(await h.run('upload')).toBe(1);
    expect(h.lines).toHaveLength(1);
    expect(h.lines[0]).toMatch(/^upload:weapp refused: set WECHAT_CI_PRIVATE_KEY .*小程序代码上传/);
    expect(h.builds).toEqual([]);
  });

  it('a key file that is not there, or a robot that is none, is refused', async () => {
    const h = harness({ ...RELEASE, WECHAT_CI_PRIVATE_KEY: path.join(root, 'missing.key'), WECHAT_CI_ROBOT: '31' });
    expect(await h.run('preview')).toBe(1);
    expect(h.lines).toEqual(['preview:weapp refused: WECHAT_CI_ROBOT=31 is not a robot: 1 to 30', expect.stringContaining('missing.key: no such file')]);
  });

  it('uploads the release build: version from package.json, note from the last commit, robot, the project’s settings', async () => {
    const keyFile = path.join(root, 'private.key');
    fs.writeFileSync(keyFile, PEM);
    const h = harness({ ...RELEASE, WECHAT_CI_PRIVATE_KEY: keyFile, WECHAT_CI_ROBOT: '3' });
    expect(await h.run('upload')).toBe(0);
    expect(h.builds).toHaveLength(1);
    expect(h.calls).toHaveLength(1);
    const [name, options] = h.calls[0]!;
    expect(name).toBe('upload');
    expect(options).toMatchObject({ version: '1.4.0', desc: 'abcdef0 运营: 订单与履约', robot: 3, setting: { useProjectConfig: true } });
    const project = options.project as { appid: string; projectPath: string; type: string };
    expect([project.appid, project.projectPath, project.type]).toEqual([APPID, root, 'miniProgram']);
    expect(h.lines.join('\n')).toContain('main package: 683.6 KB');
  });

  it('refuses to upload a build that fails the checks', async () => {
    const h = harness({ ...RELEASE, WECHAT_CI_PRIVATE_KEY: PEM }, { checksPass: false });
    expect(await h.run('upload')).toBe(1);
    expect(h.calls).toEqual([]);
  });

  it('previews with a QR code in the terminal', async () => {
    const h = harness({ ...RELEASE, WECHAT_CI_PRIVATE_KEY: PEM });
    expect(await h.run('preview')).toBe(0);
    expect(h.calls.map(([n]) => n)).toEqual(['preview']);
    expect(h.calls[0]![1]).toMatchObject({ qrcodeFormat: 'terminal', robot: 1, desc: 'abcdef0 运营: 订单与履约' });
  });
});

describe('deploy:cloud', () => {
  it('wants the cloud env and the AppID beside the key', async () => {
    const h = harness({ WECHAT_CI_PRIVATE_KEY: PEM });
    expect(await h.run('deploy-cloud')).toBe(1);
    expect(h.lines).toEqual([expect.stringMatching(/^deploy:cloud refused: set TARO_APP_CLOUD_ENV=/), expect.stringMatching(/^deploy:cloud refused: set WECHAT_APPID=/)]);
  });

  it('uploads every function folder with WeChat installing its dependencies, and the jobs timer', async () => {
    const dirs = ['checkin', 'jobs'].map((name) => {
      const dir = path.join(root, 'dist/cloudfunctions', name);
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    });
    const timer = { name: 'due-jobs-every-5-minutes', type: 'timer', config: '0 */5 * * * * *' };
    fs.writeFileSync(path.join(dirs[1]!, 'config.json'), JSON.stringify({ triggers: [timer] }));
    const h = harness({ WECHAT_CI_PRIVATE_KEY: PEM, WECHAT_APPID: APPID, TARO_APP_CLOUD_ENV: 'prod-1a2b' }, { cloudDirs: dirs });
    expect(await h.run('deploy-cloud')).toBe(0);
    expect(h.calls.map(([n, o]) => [n, o.name ?? o.functionName, o.env ?? o.envId, o.remoteNpmInstall ?? o.triggersConfig])).toEqual([
      ['uploadFunction', 'checkin', 'prod-1a2b', true],
      ['uploadFunction', 'jobs', 'prod-1a2b', true],
      ['createTimeTrigger', 'jobs', 'prod-1a2b', [timer]],
    ]);
    expect(h.lines[1]).toBe('[2/2] jobs uploaded to prod-1a2b with its timer 0 */5 * * * * *');
  });
});
