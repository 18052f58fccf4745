import { describe, expect, it } from 'vitest';
import { adaptersFromEnv } from '@cloud/adapters';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';

// The decoder reads nothing from the database for these cases.
const noDb = {} as never;

describe('adaptersFromEnv', () => {
  it('in development: the sandbox takes payments and the local group format is read', async () => {
    const adapters = adaptersFromEnv({ NODE_ENV: 'development' });
    expect(adapters.payments?.name).toBe('sandbox');
    expect(await adapters.groups.openGId(noDb, 'o-member', localGroupData('G1'))).toBe('G1');
  });

  it('in production without WeChat: no payments at all, and no group data is trusted', async () => {
    const adapters = adaptersFromEnv({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) });
    expect(adapters.payments).toBeNull();
    expect(await adapters.groups.openGId(noDb, 'o-member', localGroupData('G1'))).toBeNull();
  });
});
