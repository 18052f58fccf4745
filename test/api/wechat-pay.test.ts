/**
 * The WeChat Pay adapter against a local stand-in for api.mch.weixin.qq.com that checks every
 * request's merchant signature the way WeChat Pay does, and notices built the way WeChat Pay
 * builds them (AEAD_AES_256_GCM resource, RSA-SHA256 signature with its own key).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outTradeNo, wechatPay } from '@cloud/adapters/payments/wechat-pay';

const merchant = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const pemOf = (key: crypto.KeyObject, type: 'pkcs8' | 'spki') => key.export({ type, format: 'pem' }).toString();
const API_V3_KEY = 'a'.repeat(16) + 'b'.repeat(16);
const now = new Date('2026-11-23T02:00:00Z');

interface Received {
  path: string;
  body: Record<string, any>;
  signed: boolean;
}

let server: http.Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const auth = String(req.headers.authorization ?? '');
      const field = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(auth)?.[1] ?? '';
      const message = `${req.method}\n${req.url}\n${field('timestamp')}\n${field('nonce_str')}\n${text}\n`;
      const signed =
        auth.startsWith('WECHATPAY2-SHA256-RSA2048 ') &&
        field('mchid') === '1900000001' &&
        crypto.createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, field('signature'), 'base64');
      received.push({ path: req.url ?? '', body: JSON.parse(text), signed });
      if (!signed) return res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"SIGN_ERROR","message":"签名错误"}');
      if (req.url === '/v3/pay/transactions/jsapi') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"prepay_id":"wx2311prepay"}');
      res.writeHead(req.url?.endsWith('/close') ? 204 : 200, { 'content-type': 'application/json' }).end(req.url?.endsWith('/close') ? '' : '{"status":"PROCESSING"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const provider = () =>
  wechatPay(
    {
      appid: 'wx-test-appid',
      mchid: '1900000001',
      serialNo: 'SERIAL01',
      privateKey: pemOf(merchant.privateKey, 'pkcs8'),
      apiV3Key: API_V3_KEY,
      platformPublicKey: pemOf(platform.publicKey, 'spki'),
      notifyUrl: 'https://brand.example.com/api/pay/notify/wechat',
      apiBase: base,
    },
    () => now,
  );

/** A notice as WeChat Pay posts it. */
function notice(transaction: Record<string, unknown>, options: { at?: Date; signWith?: crypto.KeyObject } = {}) {
  const iv = crypto.randomBytes(6).toString('hex');
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(API_V3_KEY), Buffer.from(iv));
  cipher.setAAD(Buffer.from('transaction'));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(transaction)), cipher.final(), cipher.getAuthTag()]).toString('base64');
  const body = JSON.stringify({
    id: 'EV-2026',
    event_type: 'TRANSACTION.SUCCESS',
    resource_type: 'encrypt-resource',
    resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: 'transaction', nonce: iv, original_type: 'transaction' },
  });
  const timestamp = String(Math.floor((options.at ?? now).getTime() / 1000));
  const nonce = crypto.randomBytes(8).toString('hex');
  const signature = crypto.createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(options.signWith ?? platform.privateKey, 'base64');
  return { headers: { 'wechatpay-timestamp': timestamp, 'wechatpay-nonce': nonce, 'wechatpay-signature': signature, 'wechatpay-serial': 'PUB_KEY_ID_01' }, body };
}

const paid = {
  appid: 'wx-test-appid',
  mchid: '1900000001',
  out_trade_no: outTradeNo('42'),
  transaction_id: '4200002026112300001',
  trade_state: 'SUCCESS',
  success_time: '2026-11-23T10:01:02+08:00',
  amount: { total: 27_900, payer_total: 27_900, currency: 'CNY' },
};

describe('WeChat Pay adapter (API v3)', () => {
  it('places a signed JSAPI order and gives the app signed requestPayment arguments', async () => {
    const started = await provider().start({ orderId: '42', totalFen: 27_900, description: '森屿 针织开衫 黑色 / M', openid: 'o-member', expiresAt: new Date('2026-11-23T02:15:00Z') });
    const request = received.at(-1)!;
    expect(request).toMatchObject({
      path: '/v3/pay/transactions/jsapi',
      signed: true,
      body: {
        appid: 'wx-test-appid',
        mchid: '1900000001',
        out_trade_no: 'SY0000000042',
        time_expire: '2026-11-23T02:15:00+00:00',
        notify_url: 'https://brand.example.com/api/pay/notify/wechat',
        amount: { total: 27_900, currency: 'CNY' },
        payer: { openid: 'o-member' },
      },
    });
    const pay = started.wechat!;
    expect(pay).toMatchObject({ package: 'prepay_id=wx2311prepay', signType: 'RSA', timeStamp: String(now.getTime() / 1000) });
    const message = `wx-test-appid\n${pay.timeStamp}\n${pay.nonceStr}\n${pay.package}\n`;
    expect(crypto.createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, pay.paySign, 'base64')).toBe(true);
  });

  it('reads a genuine notice, and refuses a forged, tampered, stale or foreign one', async () => {
    const good = notice(paid);
    expect(await provider().verifyNotice(good.headers, good.body)).toEqual({
      orderId: '42',
      transactionId: '4200002026112300001',
      amountFen: 27_900,
      paidAt: new Date('2026-11-23T02:01:02Z'),
    });
    const forged = notice(paid, { signWith: merchant.privateKey });
    expect(await provider().verifyNotice(forged.headers, forged.body)).toBeNull();
    expect(await provider().verifyNotice(good.headers, good.body.replace('TRANSACTION.SUCCESS', 'TRANSACTION.SUCCESS '))).toBeNull();
    const stale = notice(paid, { at: new Date(now.getTime() - 10 * 60_000) });
    expect(await provider().verifyNotice(stale.headers, stale.body)).toBeNull();
    const foreign = notice({ ...paid, mchid: '1900000999' });
    expect(await provider().verifyNotice(foreign.headers, foreign.body)).toBeNull();
  });

  it('closes an unpaid order and refunds a paid one with signed requests', async () => {
    await provider().close('42');
    expect(received.at(-1)).toMatchObject({ path: '/v3/pay/transactions/out-trade-no/SY0000000042/close', signed: true, body: { mchid: '1900000001' } });
    await provider().refund({ orderId: '42', transactionId: '4200002026112300001', totalFen: 27_900, reason: '尺码不合适' });
    expect(received.at(-1)).toMatchObject({
      path: '/v3/refund/domestic/refunds',
      signed: true,
      body: { out_trade_no: 'SY0000000042', out_refund_no: 'SY0000000042', reason: '尺码不合适', amount: { refund: 27_900, total: 27_900, currency: 'CNY' } },
    });
  });

  it('surfaces a refusal from WeChat Pay as an error', async () => {
    const wrongKey = wechatPay(
      { appid: 'wx-test-appid', mchid: '1900000001', serialNo: 'S', privateKey: pemOf(platform.privateKey, 'pkcs8'), apiV3Key: API_V3_KEY, platformPublicKey: pemOf(platform.publicKey, 'spki'), notifyUrl: 'https://x', apiBase: base },
      () => now,
    );
    await expect(wrongKey.close('42')).rejects.toThrow(/HTTP 401 SIGN_ERROR/);
  });
});
