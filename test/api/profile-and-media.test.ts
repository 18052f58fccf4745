import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('profile, consent and avatar over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  const upload = (token: string | null, body: Buffer, type = 'image/png') =>
    fetch(`${server.url}/api/media/avatar`, {
      method: 'POST',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new Uint8Array(body),
    });

  it('uploads an avatar, serves it back, and puts it on the profile after consent', async () => {
    const token = await devLogin(server.url, 'avatar-owner');
    const uploaded = await upload(token, PNG);
    expect(uploaded.status).toBe(200);
    const { data } = (await uploaded.json()) as { data: { url: string } };
    expect(data.url).toMatch(/^\/media\/\d+$/);
    const served = await fetch(`${server.url}${data.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const refused = await post(`${server.url}/api/fn/member`, { action: 'update', avatarUrl: data.url }, { token });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'CONSENT_REQUIRED']);
    const profile = (await post(`${server.url}/api/fn/member`, { action: 'profile' }, { token })).body.data;
    const saved = await post(
      `${server.url}/api/fn/member`,
      { action: 'update', consentVersion: profile.consentVersionRequired, avatarUrl: data.url, nickname: '头像达人' },
      { token },
    );
    expect(saved.body.data).toMatchObject({ avatarUrl: data.url, nickname: '头像达人', consent: { version: profile.consentVersionRequired } });
  });

  it('refuses uploads that are not images, too large, or anonymous', async () => {
    const token = await devLogin(server.url, 'bad-uploader');
    for (const type of ['text/plain', 'image/gif']) {
      const refused = await upload(token, Buffer.from('GIF89a'), type);
      expect([refused.status, ((await refused.json()) as { error: { code: string } }).error.code]).toEqual([400, 'UNSUPPORTED_MEDIA']);
    }
    const big = await upload(token, Buffer.alloc(300 * 1024, 1));
    expect([big.status, ((await big.json()) as { error: { code: string } }).error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect((await upload(null, PNG)).status).toBe(401);
    expect((await fetch(`${server.url}/media/999999`)).status).toBe(404);
  });

  it('refuses an avatar URL that is not ours or WeChat cloud storage, and a birthday that does not exist', async () => {
    const token = await devLogin(server.url, 'bad-urls');
    for (const avatarUrl of ['http://evil.example/a.png', 'javascript:alert(1)', '/media/abc']) {
      const reply = await post(`${server.url}/api/fn/member`, { action: 'update', avatarUrl }, { token });
      expect([reply.status, reply.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    }
    const leap = await post(`${server.url}/api/fn/member`, { action: 'update', birthday: '1990-02-29' }, { token });
    expect(leap.status).toBe(400);
  });

  it('records a reminder acceptance and shows it on the profile', async () => {
    const token = await devLogin(server.url, 'remind-me');
    const reply = await post(`${server.url}/api/fn/checkin`, { action: 'subscribeReminder', accepted: true }, { token });
    expect(reply.body.data).toEqual({ pendingReminders: 1 });
    const profile = await post(`${server.url}/api/fn/member`, { action: 'profile' }, { token });
    expect(profile.body.data.pendingReminders).toBe(1);
  });
});
