/** WeChat's side of sharing, against data encrypted here and a local stand-in of WeChat's API. */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adaptersFromEnv } from '@cloud/adapters';
import type { UseCaseContext } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { createShare } from '@cloud/services/sharing/create-share';
import { localGroupData, type GroupData } from '@cloud/adapters/groups/group-decoder';
import { openShare } from '@cloud/services/sharing/open-share';
import { posterCode } from '@cloud/services/sharing/poster-code';
import { wechatGroupDecoder } from '@cloud/adapters/groups/wechat-group-decoder';
import { wechatShareCodes } from '@cloud/adapters/share-codes/wechat-share-codes';
import { rememberSessionKey } from '@cloud/adapters/wechat/session-keys';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at, ctxAt, memberJoinedAt } from '../support/fixtures';

const APPID = 'wx-test-appid';
const newSessionKey = () => crypto.randomBytes(16).toString('base64');

/** What wx.getGroupEnterInfo hands the app: the payload under AES-128-CBC with the session key. */
function encryptForMember(payload: unknown, sessionKey: string): GroupData {
  const iv = crypto.randomBytes(16);
  const cipher = crypto.createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(payload)), cipher.final()]);
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
}

const groupPayload = (openGId: string, appid = APPID) => ({ openGId, watermark: { appid, timestamp: 1_795_000_000 } });

describe.each(backends)('WeChat group data on %s', (backend) => {
  const t = useTestDatabase(backend);
  const decoder = wechatGroupDecoder({ appid: APPID });

  it("reads the group with the member's session key", async () => {
    const key = newSessionKey();
    await rememberSessionKey(t.db, 'o-lin', key, at('2026-11-23 09:00:00'));
    expect(await decoder.openGId(t.db, 'o-lin', encryptForMember(groupPayload('tGmqfK5CFJf-AXdYn'), key))).toBe('tGmqfK5CFJf-AXdYn');
  });

  it.each<[string, (key: string) => GroupData]>([
    ["another app's data", (key) => encryptForMember(groupPayload('tG1', 'wx-other-app'), key)],
    ['data without a watermark', (key) => encryptForMember({ openGId: 'tG1' }, key)],
    ['data under an older session key', () => encryptForMember(groupPayload('tG1'), newSessionKey())],
    [
      'tampered data',
      (key) => {
        const data = encryptForMember(groupPayload('tG1'), key);
        const bytes = Buffer.from(data.encryptedData, 'base64');
        bytes[bytes.length - 1]! ^= 0xff;
        return { ...data, encryptedData: bytes.toString('base64') };
      },
    ],
    ['an iv of the wrong size', (key) => ({ ...encryptForMember(groupPayload('tG1'), key), iv: 'c2hvcnQ=' })],
    ['the local development data', () => localGroupData('tG1')],
  ])('reads nothing from %s', async (_case, make) => {
    const key = newSessionKey();
    await rememberSessionKey(t.db, 'o-lin', key, at('2026-11-23 09:00:00'));
    expect(await decoder.openGId(t.db, 'o-lin', make(key))).toBeNull();
  });

  it('reads nothing for a member with no WeChat session, and keeps the newest of two sign-ins', async () => {
    const older = newSessionKey();
    const newer = newSessionKey();
    expect(await decoder.openGId(t.db, 'o-lin', encryptForMember(groupPayload('tG1'), older))).toBeNull();
    await rememberSessionKey(t.db, 'o-lin', newer, at('2026-11-23 10:00:00'));
    await rememberSessionKey(t.db, 'o-lin', older, at('2026-11-23 09:00:00'));
    expect(await decoder.openGId(t.db, 'o-lin', encryptForMember(groupPayload('tG-new'), newer))).toBe('tG-new');
  });

  it('records a share opened in a group with real group data, and refuses forged data', async () => {
    const ctx = (time: string): UseCaseContext => ({ ...ctxAt(t.db, time), adapters: { ...adapters, groups: decoder } });
    const sharer = await memberJoinedAt(t.db, 'o-wang', '2026-11-01 09:00:00');
    const viewer = await memberJoinedAt(t.db, 'o-lin', '2026-11-01 09:00:00');
    const key = newSessionKey();
    await rememberSessionKey(t.db, viewer.openid, key, at('2026-11-23 09:00:00'));
    const share = await createShare(ctx('2026-11-23 10:00:00'), sharer, {});
    if (share instanceof Failure) throw new Error(share.code);

    const forged = await openShare(ctx('2026-11-23 10:01:00'), viewer, { shareId: share.shareId, groupData: localGroupData('tG-fake') });
    expect((forged as Failure).code).toBe('GROUP_DATA_INVALID');
    const opened = await openShare(ctx('2026-11-23 10:02:00'), viewer, {
      shareId: share.shareId,
      scene: 1044,
      groupData: encryptForMember(groupPayload('tG-real'), key),
    });
    expect(opened).toMatchObject({ groupId: 'tG-real' });
    expect((await t.db.query('select group_id from share_clicks')).rows).toEqual([{ group_id: 'tG-real' }]);
  });

  it('uses the WeChat adapters when the app credentials are set, the local ones otherwise', async () => {
    const local = localGroupData('tG-dev');
    const dev = { devMode: true, sandboxSecret: 'sandbox-secret' };
    expect(await adaptersFromEnv({}, dev).groups.openGId(t.db, 'o-lin', local)).toBe('tG-dev');
    const production = adaptersFromEnv({ WECHAT_APPID: APPID, WECHAT_SECRET: 'secret' }, dev);
    expect(await production.groups.openGId(t.db, 'o-lin', local)).toBeNull();
  });
});

/** A stand-in for stable_token and wxacode.getUnlimited that records what it was asked. */
function fakeWeChatCodes() {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(32)]);
  const state = {
    PNG,
    tokenRequests: [] as unknown[],
    codeRequests: [] as Array<{ token: string | null; body: Record<string, unknown> }>,
    /** Answers the next code requests with these errors (then with the image). */
    refusals: [] as Array<{ errcode: number; errmsg: string }>,
    issued: 0,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // No keep-alive: a socket idle across a slow database set-up must not be reused after it closed.
      res.setHeader('connection', 'close');
      const url = new URL(req.url ?? '/', 'http://wechat.local');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      if (url.pathname === '/cgi-bin/stable_token') {
        state.tokenRequests.push(body);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ access_token: `token-${++state.issued}`, expires_in: 7200 }));
        return;
      }
      state.codeRequests.push({ token: url.searchParams.get('access_token'), body });
      const refusal = state.refusals.shift();
      if (refusal) {
        res.setHeader('content-type', 'application/json; charset=UTF-8');
        res.end(JSON.stringify(refusal));
        return;
      }
      res.setHeader('content-type', 'image/png');
      res.end(state.PNG);
    });
  });
  return { server, state };
}

describe('poster codes from wxacode.getUnlimited', () => {
  let fake: ReturnType<typeof fakeWeChatCodes>;
  let apiBase: string;
  beforeAll(async () => {
    fake = fakeWeChatCodes();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    apiBase = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));
  beforeEach(() => {
    fake.state.tokenRequests.length = 0;
    fake.state.codeRequests.length = 0;
    fake.state.refusals.length = 0;
  });

  it('answers the PNG as a data URL, with the share id as scene and the home page, on one token', async () => {
    const codes = wechatShareCodes({ appid: APPID, secret: 'app-secret', apiBase });
    const first = await codes.make('Ab3dE6gH9k', 'pages/home/index');
    await codes.make('Zz9Zz9Zz9Z', 'pages/home/index');
    expect(first).toEqual({ kind: 'wxacode', imageDataUrl: `data:image/png;base64,${fake.state.PNG.toString('base64')}` });
    expect(fake.state.tokenRequests).toEqual([{ grant_type: 'client_credential', appid: APPID, secret: 'app-secret' }]);
    expect(fake.state.codeRequests.map((r) => [r.token, r.body.scene, r.body.page])).toEqual([
      ['token-1', 'Ab3dE6gH9k', 'pages/home/index'],
      ['token-1', 'Zz9Zz9Zz9Z', 'pages/home/index'],
    ]);
  });

  it('gets a fresh token once when WeChat calls the token expired', async () => {
    const codes = wechatShareCodes({ appid: APPID, secret: 'app-secret', apiBase });
    fake.state.refusals.push({ errcode: 42001, errmsg: 'access_token expired' });
    const code = await codes.make('Ab3dE6gH9k', 'pages/home/index');
    expect(code.kind).toBe('wxacode');
    expect(fake.state.tokenRequests).toHaveLength(2);
    expect(fake.state.codeRequests.map((r) => r.token)).toEqual([`token-${fake.state.issued - 1}`, `token-${fake.state.issued}`]);
  });

  it("fails with WeChat's reason when it answers JSON instead of an image", async () => {
    const codes = wechatShareCodes({ appid: APPID, secret: 'app-secret', apiBase });
    fake.state.refusals.push({ errcode: 41030, errmsg: 'invalid page rid: 1' });
    await expect(codes.make('Ab3dE6gH9k', 'pages/home/index')).rejects.toThrow(/41030.*invalid page/);
  });

  describe.each(backends)('as the share.code use case on %s', (backend) => {
    const t = useTestDatabase(backend);

    it("prints the sharer's poster with a wxacode", async () => {
      const sharer = await memberJoinedAt(t.db, 'o-wang', '2026-11-01 09:00:00');
      const ctx: UseCaseContext = {
        ...ctxAt(t.db, '2026-11-23 10:00:00'),
        adapters: { ...adapters, shareCodes: wechatShareCodes({ appid: APPID, secret: 'app-secret', apiBase }) },
      };
      const share = await createShare(ctx, sharer, {});
      if (share instanceof Failure) throw new Error(share.code);
      const code = await posterCode(ctx, sharer, { shareId: share.shareId });
      expect(code).toEqual({
        shareId: share.shareId,
        scene: share.shareId,
        kind: 'wxacode',
        imageDataUrl: `data:image/png;base64,${fake.state.PNG.toString('base64')}`,
      });
      expect(fake.state.codeRequests.at(-1)!.body).toMatchObject({ scene: share.shareId, page: 'pages/home/index' });
    });
  });
});
