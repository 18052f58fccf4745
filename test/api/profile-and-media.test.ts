import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { PNG } from '../support/images';

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

  const agree = async (token: string) => {
    const profile = (await post(`${server.url}/api/fn/member`, { action: 'profile' }, { token })).body.data;
    await post(`${server.url}/api/fn/member`, { action: 'update', consentVersion: profile.consentVersionRequired }, { token });
    return profile.consentVersionRequired as string;
  };
  const codeOf = async (reply: Response) => [reply.status, ((await reply.json()) as { error: { code: string } }).error.code];

  it('refuses an avatar before consent; after it, uploads, serves it back, and puts it on the profile', async () => {
    const token = await devLogin(server.url, 'avatar-owner');
    expect(await codeOf(await upload(token, PNG))).toEqual([403, 'CONSENT_REQUIRED']);
    expect((await server.db.query(`select 1 from media m join members u on u.id = m.member_id where u.openid = 'avatar-owner'`)).rows).toEqual([]);

    const version = await agree(token);
    const uploaded = await upload(token, PNG);
    expect(uploaded.status).toBe(200);
    const { data } = (await uploaded.json()) as { data: { url: string } };
    expect(data.url).toMatch(/^\/media\/[A-Za-z0-9_-]{22}$/);
    const served = await fetch(`${server.url}${data.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const saved = await post(`${server.url}/api/fn/member`, { action: 'update', avatarUrl: data.url, nickname: '头像达人' }, { token });
    expect(saved.body.data).toMatchObject({ avatarUrl: data.url, nickname: '头像达人', consent: { version } });
  });

  it('media ids cannot be counted: two uploads share no prefix, and a counted id is not found', async () => {
    const token = await devLogin(server.url, 'counter');
    await agree(token);
    const urls = [];
    for (let i = 0; i < 2; i++) urls.push(((await (await upload(token, PNG)).json()) as { data: { url: string } }).data.url);
    expect(urls[0]!.slice(7, 11)).not.toBe(urls[1]!.slice(7, 11));
    for (const path of ['/media/1', '/media/2', `/media/${'A'.repeat(22)}`]) expect((await fetch(`${server.url}${path}`)).status).toBe(404);
  });

  it('serves the type the bytes are, and refuses bytes that are no JPEG, PNG or WebP whatever the declared type', async () => {
    const token = await devLogin(server.url, 'bad-uploader');
    await agree(token);
    for (const type of ['text/plain', 'image/gif']) {
      expect(await codeOf(await upload(token, Buffer.from('GIF89a'), type))).toEqual([400, 'UNSUPPORTED_MEDIA']);
    }
    const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
    for (const type of ['image/png', 'image/jpeg', 'image/webp']) {
      expect(await codeOf(await upload(token, html, type))).toEqual([400, 'UNSUPPORTED_MEDIA']);
      expect(await codeOf(await upload(token, Buffer.from('GIF89a\x01\x00\x01\x00'), type))).toEqual([400, 'UNSUPPORTED_MEDIA']);
    }
    // A PNG declared as a JPEG is kept, and served as what it is.
    const declaredJpeg = (await (await upload(token, PNG, 'image/jpeg')).json()) as { data: { url: string } };
    expect((await fetch(`${server.url}${declaredJpeg.data.url}`)).headers.get('content-type')).toBe('image/png');

    expect(await codeOf(await upload(token, Buffer.alloc(300 * 1024, 1)))).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect((await upload(null, PNG)).status).toBe(401);
  });

  it('refuses an avatar URL that is not ours or WeChat cloud storage, and a birthday that does not exist', async () => {
    const token = await devLogin(server.url, 'bad-urls');
    for (const avatarUrl of ['http://evil.example/a.png', 'javascript:alert(1)', '/media/abc', '/media/1']) {
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
