import { describe, expect, it } from 'vitest';
import { ciKey, ciRobot, releaseProblems, requestDomains, uploadVersion } from '../../config/scripts/release-rules';

const APPID = 'wx0123456789abcdef';

describe('releaseProblems', () => {
  it.each([
    ['an HTTPS API base and an AppID', { TARO_APP_API_BASE: 'https://api.brand.cn', WECHAT_APPID: APPID }, []],
    ['a cloud env and an AppID', { TARO_APP_CLOUD_ENV: 'prod-1a2b', WECHAT_APPID: APPID }, []],
    ['an API base with a path', { TARO_APP_API_BASE: 'https://brand.cn/member-api/', WECHAT_APPID: APPID }, []],
    ['neither an API base nor a cloud env', { WECHAT_APPID: APPID }, ['TARO_APP_API_BASE=https://<your API host>', 'http://127.0.0.1:3000']],
    ['an empty API base', { TARO_APP_API_BASE: ' ', WECHAT_APPID: APPID }, ['TARO_APP_API_BASE=https://<your API host>']],
    ['http://', { TARO_APP_API_BASE: 'http://api.brand.cn', WECHAT_APPID: APPID }, ['is not https://']],
    ['this machine', { TARO_APP_API_BASE: 'https://127.0.0.1', WECHAT_APPID: APPID }, ['a host a phone cannot reach']],
    ['localhost over http', { TARO_APP_API_BASE: 'http://localhost:3000', WECHAT_APPID: APPID }, ['is not https://', 'a host a phone cannot reach', 'port 3000']],
    ['a private network', { TARO_APP_API_BASE: 'https://192.168.1.20', WECHAT_APPID: APPID }, ['a host a phone cannot reach']],
    ['172.16/12', { TARO_APP_API_BASE: 'https://172.20.0.5', WECHAT_APPID: APPID }, ['a host a phone cannot reach']],
    ['a public 172 address', { TARO_APP_API_BASE: 'https://172.64.0.5', WECHAT_APPID: APPID }, []],
    ['an unqualified name', { TARO_APP_API_BASE: 'https://api', WECHAT_APPID: APPID }, ['a host a phone cannot reach']],
    ['a port', { TARO_APP_API_BASE: 'https://api.brand.cn:8443', WECHAT_APPID: APPID }, ['port 8443']],
    ['not a URL', { TARO_APP_API_BASE: 'api.brand.cn', WECHAT_APPID: APPID }, ['is not a URL']],
    ['no AppID', { TARO_APP_API_BASE: 'https://api.brand.cn' }, ['set WECHAT_APPID=wx…', '开发者ID']],
    ['the tourist AppID', { TARO_APP_API_BASE: 'https://api.brand.cn', WECHAT_APPID: 'touristappid' }, ['is not an AppID']],
  ])('%s', (_name, env, expected) => {
    const problems = releaseProblems(env);
    if (expected.length === 0) expect(problems).toEqual([]);
    for (const part of expected) expect(problems.join('\n')).toContain(part);
  });
});

describe('requestDomains', () => {
  it('lists the API origin for request, uploadFile and downloadFile', () => {
    expect(requestDomains({ TARO_APP_API_BASE: 'https://brand.cn/member-api/' }).map((d) => [d.list, d.domain])).toEqual([
      ['request合法域名', 'https://brand.cn'],
      ['uploadFile合法域名', 'https://brand.cn'],
      ['downloadFile合法域名', 'https://brand.cn'],
    ]);
  });
  it('has none through wx.cloud', () => {
    expect(requestDomains({ TARO_APP_CLOUD_ENV: 'prod-1a2b' })).toEqual([]);
  });
});

describe('the upload key, robot and version', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['/keys/private.wx0123.key', { privateKeyPath: '/keys/private.wx0123.key' }],
    ['-----BEGIN RSA PRIVATE KEY-----\\nMIIE\\n-----END RSA PRIVATE KEY-----', { privateKey: '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----' }],
  ])('WECHAT_CI_PRIVATE_KEY=%j', (value, expected) => {
    expect(ciKey({ WECHAT_CI_PRIVATE_KEY: value })).toEqual(expected);
  });

  it.each([
    [undefined, 1],
    ['3', 3],
    ['30', 30],
    ['0', 'WECHAT_CI_ROBOT=0 is not a robot: 1 to 30'],
    ['31', 'WECHAT_CI_ROBOT=31 is not a robot: 1 to 30'],
    ['two', 'WECHAT_CI_ROBOT=two is not a robot: 1 to 30'],
  ])('WECHAT_CI_ROBOT=%j', (value, expected) => {
    expect(ciRobot({ WECHAT_CI_ROBOT: value })).toBe(expected);
  });

  it('versions an upload by package.json and the last commit, within WeChat’s 200 characters', () => {
    expect(uploadVersion('0.3.0', { hash: 'abcdef1234567', subject: '运营: 导出' })).toEqual({ version: '0.3.0', desc: 'abcdef1 运营: 导出' });
    expect(uploadVersion('0.3.0', { hash: 'abcdef1234567', subject: 'x'.repeat(300) }).desc).toHaveLength(200);
  });
});
