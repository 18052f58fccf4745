/**
 * What a weapp release needs before it may be built or sent to WeChat, as plain functions of the
 * environment (no I/O): where the app's requests go (an HTTPS API base a phone reaches, or a
 * cloud environment), the AppID, the code-upload key and robot, and the domains the
 * mini-program console must list. config/scripts/wechat.ts acts on them.
 */
export type Env = Record<string, string | undefined>;

/** Where WeChat gives what a release needs: said in every refusal. */
export const CONSOLE = {
  appid: 'mp.weixin.qq.com → 开发管理 → 开发设置 → 开发者ID (AppID)',
  key: 'mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传 → 生成 (download the key; add this machine\'s IP to the IP whitelist there)',
  domains: 'mp.weixin.qq.com → 开发管理 → 开发设置 → 服务器域名',
  cloudEnv: 'WeChat DevTools → 云开发 → 设置 → 环境 ID',
} as const;

const APPID = /^wx[0-9a-f]{16}$/;

/** Hosts a phone cannot reach: this machine, a private network, an unqualified name. */
function unreachableHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0') return true;
  const ip = h.split('.').map(Number);
  if (ip.length === 4 && ip.every((n) => Number.isInteger(n) && n >= 0 && n <= 255)) {
    const [a, b] = ip as [number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  return !h.includes('.');
}

/**
 * Why a release build must not be made with `env`, one line each (empty: it may). Without an API
 * base or a cloud env every request would go to http://127.0.0.1:3000, which no phone reaches.
 */
export function releaseProblems(env: Env): string[] {
  const problems: string[] = [];
  const base = env.TARO_APP_API_BASE?.trim();
  const cloud = env.TARO_APP_CLOUD_ENV?.trim();
  if (!base && !cloud) {
    problems.push(
      'set TARO_APP_API_BASE=https://<your API host> (the Node server) or TARO_APP_CLOUD_ENV=<cloud env id> ' +
        `(${CONSOLE.cloudEnv}): without either the app sends every request to http://127.0.0.1:3000, which no phone reaches`,
    );
  }
  if (base) {
    let url: URL | null = null;
    try {
      url = new URL(base);
    } catch {
      problems.push(`TARO_APP_API_BASE=${base} is not a URL: give https://<host>[/path]`);
    }
    if (url && url.protocol !== 'https:') problems.push(`TARO_APP_API_BASE=${base} is not https://: WeChat only lets a released mini-program call HTTPS domains`);
    if (url && unreachableHost(url.hostname)) problems.push(`TARO_APP_API_BASE=${base} names a host a phone cannot reach: give the server's public domain`);
    if (url && url.port && url.port !== '443') problems.push(`TARO_APP_API_BASE=${base} has port ${url.port}: WeChat's request domains take the default HTTPS port only`);
  }
  const appid = env.WECHAT_APPID?.trim();
  if (!appid) problems.push(`set WECHAT_APPID=wx… (${CONSOLE.appid})`);
  else if (!APPID.test(appid)) problems.push(`WECHAT_APPID=${appid} is not an AppID (wx and 16 hex digits; ${CONSOLE.appid})`);
  return problems;
}

/** The server domains the console must list for a build calling `apiBase` (none through wx.cloud). */
export function requestDomains(env: Env): Array<{ list: string; domain: string; why: string }> {
  const base = env.TARO_APP_API_BASE?.trim();
  if (!base) return [];
  const origin = new URL(base).origin;
  return [
    { list: 'request合法域名', domain: origin, why: 'every API call' },
    { list: 'uploadFile合法域名', domain: origin, why: 'avatars and after-sales photos' },
    { list: 'downloadFile合法域名', domain: origin, why: 'product pictures, share posters and 运营 exports' },
  ];
}

export type CiKey = { privateKey: string } | { privateKeyPath: string };

/** The code-upload key: the PEM itself, or a path to it; null when not set. */
export function ciKey(env: Env): CiKey | null {
  const value = env.WECHAT_CI_PRIVATE_KEY?.trim();
  if (!value) return null;
  return value.includes('-----BEGIN') ? { privateKey: value.replace(/\\n/g, '\n') } : { privateKeyPath: value };
}

/** The line said when the key is missing. */
export const MISSING_KEY = `set WECHAT_CI_PRIVATE_KEY to the code-upload key (a file path or the PEM itself): ${CONSOLE.key}`;

/** Which of WeChat's 30 CI robots uploads (WECHAT_CI_ROBOT, default 1): each robot keeps its own latest upload. */
export function ciRobot(env: Env): number | string {
  const raw = env.WECHAT_CI_ROBOT?.trim();
  if (!raw) return 1;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 30 ? n : `WECHAT_CI_ROBOT=${raw} is not a robot: 1 to 30`;
}

/** An upload's version and note: package.json's version; the last commit's subject and short hash (WeChat keeps 200 characters). */
export function uploadVersion(pkgVersion: string, commit: { hash: string; subject: string }): { version: string; desc: string } {
  return { version: pkgVersion, desc: `${commit.hash.slice(0, 7)} ${commit.subject}`.slice(0, 200) };
}
