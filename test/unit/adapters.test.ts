import { describe, expect, it } from 'vitest';
import { adaptersFromEnv } from '@cloud/adapters';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import { readServerEnv } from '@cloud/server/config';

// The decoder reads nothing from the database for these cases.
const noDb = {} as never;
const secret = 's'.repeat(32);

describe('adaptersFromEnv', () => {
  it('in development: the sandbox takes payments and the local group format is read', async () => {
    const adapters = adaptersFromEnv({}, { devMode: true, sandboxSecret: 'kept-in-the-data-folder' });
    expect(adapters.payments?.name).toBe('sandbox');
    expect(await adapters.groups.openGId(noDb, 'o-member', localGroupData('G1'))).toBe('G1');
  });

  it('in production without WeChat: no payments at all, and no group data is trusted', async () => {
    const adapters = adaptersFromEnv({ SESSION_SECRET: secret }, { devMode: false, sandboxSecret: 'any' });
    expect(adapters.payments).toBeNull();
    expect(await adapters.groups.openGId(noDb, 'o-member', localGroupData('G1'))).toBeNull();
  });
});

describe('the server mode from NODE_ENV', () => {
  it.each([
    ['development', true],
    ['test', true],
    ['production', false],
    ['Production', false],
    ['staging', false],
    ['dev', false],
    ['', false],
    [undefined, false],
  ])('NODE_ENV=%s: development features %s', (nodeEnv, devMode) => {
    expect(readServerEnv({ NODE_ENV: nodeEnv, SESSION_SECRET: secret }).devMode).toBe(devMode);
  });

  it.each([['production'], ['Production'], ['staging'], [undefined]])('refuses to start as %s without SESSION_SECRET, in one line', (nodeEnv) => {
    expect(() => readServerEnv({ NODE_ENV: nodeEnv })).toThrow(/^SESSION_SECRET \(≥ 32 characters\) is required in production/);
  });

  it.each([
    [undefined, false],
    ['', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.1', ['10.0.0.1']],
    ['10.0.0.0/8, 127.0.0.1', ['10.0.0.0/8', '127.0.0.1']],
    ['::1', ['::1']],
  ])('TRUST_PROXY=%s trusts %j', (value, trusted) => {
    expect(readServerEnv({ NODE_ENV: 'test', TRUST_PROXY: value }).TRUST_PROXY).toEqual(trusted);
  });

  it('refuses a TRUST_PROXY it cannot read', () => {
    expect(() => readServerEnv({ NODE_ENV: 'test', TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => readServerEnv({ NODE_ENV: 'test', TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY/);
    expect(() => readServerEnv({ NODE_ENV: 'test', TRUST_PROXY: '999.1.1.1' })).toThrow(/TRUST_PROXY/);
    expect(() => readServerEnv({ NODE_ENV: 'test', TRUST_PROXY: '10.0.0.1/99' })).toThrow(/TRUST_PROXY/);
  });
});
