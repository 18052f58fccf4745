/**
 * Input an attacker (or a broken client) sends: control characters in free text and numbers
 * past what the database columns hold. Each answers 400 with the envelope and writes nothing,
 * never a 500 from the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '@cloud/domain/privacy';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const NUL = '\u0000';
const okAddress = { name: '张三', phone: '13800138000', region: '上海市 徐汇区', detail: '漕溪北路 100 号' };

describe('hostile input over HTTP', () => {
  let server: TestServer;
  let fn: (name: string) => string;
  let admin: string;
  let member: string;
  let guide: string;
  let categoryId: string;
  let settings: Record<string, any>;
  beforeAll(async () => {
    server = await startTestServer();
    fn = (name) => `${server.url}/api/fn/${name}`;
    admin = await devLogin(server.url, 'hostile-admin', 'admin');
    member = await devLogin(server.url, 'hostile-member');
    guide = await devLogin(server.url, 'hostile-guide', 'guide');
    categoryId = (await post(fn('admin'), { action: 'categories' }, { token: admin })).body.data[0].id;
    settings = (await post(fn('admin'), { action: 'configGet' }, { token: admin })).body.data;
  });
  afterAll(() => server?.close());

  const product = (over: Record<string, unknown> = {}) => ({
    categoryId,
    name: '测试连衣裙',
    description: '第一行',
    skus: [{ size: 'M', color: '黑色', priceFen: 19_900, stock: 10 }],
    ...over,
  });
  const mallItem = (over: Record<string, unknown> = {}) => ({ name: '帆布袋', kind: 'goods', pointsPrice: 500, ...over });

  // The nine endpoints where a NUL answered 500 before free text had one primitive.
  const cases: Array<[string, () => [string, string, Record<string, unknown>]]> = [
    ['member.update nickname', () => [member, 'member', { action: 'update', nickname: `小${NUL}明`, consentVersion: CONSENT_VERSION }]],
    ['mall.setAddress', () => [member, 'mall', { action: 'setAddress', redemptionId: '1', address: { ...okAddress, detail: `漕溪北路${NUL}` } }]],
    ['coupon.verify store', () => [guide, 'coupon', { action: 'verify', code: '23456789ABCD', store: `徐汇${NUL}店` }]],
    ['admin.saveCategory', () => [admin, 'admin', { action: 'saveCategory', category: { name: `恶意${NUL}` } }]],
    ['admin.saveProduct', () => [admin, 'admin', { action: 'saveProduct', product: product({ name: `恶意${NUL}` }) }]],
    ['admin.saveMallItem', () => [admin, 'admin', { action: 'saveMallItem', item: mallItem({ description: `说明${NUL}` }) }]],
    ['admin.saveBanner', () => [admin, 'admin', { action: 'saveBanner', banner: { title: `恶意${NUL}`, imageUrl: '/catalog-images/banner-new.svg' } }]],
    ['admin.adjustPoints reason', () => [admin, 'admin', { action: 'adjustPoints', targetMemberId: '1', delta: 5, reason: `补偿${NUL}`, requestId: 'hostile-adjust-1' }]],
    ['admin.configSet', () => [admin, 'admin', { action: 'configSet', settings: { ...settings, tiers: settings.tiers.map((t: any, i: number) => (i === 1 ? { ...t, name: `银${NUL}卡` } : t)) } }]],
    // And more of the same kind: a line break where the text is one line, a SKU's colour.
    ['a line break in a nickname', () => [member, 'member', { action: 'update', nickname: '小\n明', consentVersion: CONSENT_VERSION }]],
    ['a tab in a category name', () => [admin, 'admin', { action: 'saveCategory', category: { name: '恶意\t分类' } }]],
    ['an escape in a SKU colour', () => [admin, 'admin', { action: 'saveProduct', product: product({ skus: [{ size: 'M', color: '黑\u001b色', priceFen: 100, stock: 1 }] }) }]],
    ['a NUL in a refund reason', () => [admin, 'admin', { action: 'refundOrder', orderId: '1', reason: `退款${NUL}` }]],
  ];

  it.each(cases)('refuses control characters in %s with 400 INVALID_PARAMS', async (_name, make) => {
    const [token, name, body] = make();
    const reply = await post(fn(name), body, { token });
    expect([reply.status, reply.body.ok, reply.body.error.code]).toEqual([400, false, 'INVALID_PARAMS']);
    expect(reply.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('wrote nothing for any of them', async () => {
    const { rows } = await server.db.query<{ n: number }>(
      `select (select count(*) from categories where name like '恶意%')
            + (select count(*) from products where name like '恶意%' or name = '测试连衣裙')
            + (select count(*) from mall_items where name = '帆布袋')
            + (select count(*) from banners where title like '恶意%')
            + (select count(*) from points_ledger where source = 'admin_adjust') as n`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
    const profile = await post(fn('member'), { action: 'profile' }, { token: member });
    expect(profile.body.data.nickname).toBeNull();
  });

  it('keeps line breaks and tabs where the text is multi-line', async () => {
    const saved = await post(fn('admin'), { action: 'saveProduct', product: product({ name: '多行说明的裙子', description: '面料：棉\n洗涤：\t冷水手洗' }) }, { token: admin });
    expect(saved.status).toBe(200);
    expect(saved.body.data.description).toBe('面料：棉\n洗涤：\t冷水手洗');
  });

  it.each([
    ['a prize worth 2³¹ fen', { action: 'saveCampaign', campaign: {
      name: '溢出', startsAt: '2030-01-01T00:00:00+08:00', endsAt: '2030-02-01T00:00:00+08:00', drawsPerDay: 1, winsPerDay: 1, winsPerCampaign: 1,
      prizes: [{ kind: 'goods', name: '大奖', odds: 5000, valueFen: 2 ** 31 }, { kind: 'none', name: '谢谢参与', odds: 5000, valueFen: 0 }] } }],
    ['a mall item of 2³¹ points', { action: 'saveMallItem', item: { name: '溢出', kind: 'goods', pointsPrice: 2 ** 31 } }],
    ['a SKU stock of 2³¹', { action: 'saveProduct', product: { categoryId: '1', name: '溢出', skus: [{ priceFen: 100, stock: 2 ** 31 }] } }],
    ['a points change of 2³¹', { action: 'adjustPoints', targetMemberId: '1', delta: 2 ** 31, reason: '溢出测试', requestId: 'hostile-adjust-2' }],
    ['a tier threshold past 2³¹', { action: 'configSet', settings: null }],
  ])('refuses %s with 400 INVALID_PARAMS', async (_name, body) => {
    const sent =
      body.action === 'configSet'
        ? { ...body, settings: { ...settings, tiers: settings.tiers.map((t: any, i: number) => (i === 3 ? { ...t, threshold: 2 ** 40 } : t)) } }
        : body;
    const reply = await post(fn('admin'), sent, { token: admin });
    expect([reply.status, reply.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
  });

  it.each([
    ['a birthday in year 0', [() => member, 'member', { action: 'update', birthday: '0000-01-01', consentVersion: CONSENT_VERSION }]],
    ['a coupon valid from year 0', [() => admin, 'admin', { action: 'saveCouponTemplate', template: { name: '零年券', kind: 'amount_off', amountOffFen: 100, validFrom: '0000-01-01', validUntil: '2030-01-01' } }]],
    ['a campaign starting in year 0', [() => admin, 'admin', { action: 'saveCampaign', campaign: {
      name: '零年', startsAt: '0000-01-01T00:00:00Z', endsAt: '2030-02-01T00:00:00+08:00', drawsPerDay: 1, winsPerDay: 1, winsPerCampaign: 1,
      prizes: [{ kind: 'none', name: '谢谢参与', odds: 5000, valueFen: 0 }, { kind: 'none', name: '再来', odds: 5000, valueFen: 0 }] } }]],
    ['a flash sale ending in 2101', [() => admin, 'admin', { action: 'saveFlashSale', flashSale: { productId: '1', priceFen: 100, stock: 1, startsAt: '2030-01-01T00:00:00+08:00', endsAt: '2101-06-01T00:00:00+08:00' } }]],
  ] as const)('refuses %s with 400 INVALID_PARAMS', async (_name, [who, name, body]) => {
    const reply = await post(fn(name), body, { token: who() });
    expect([reply.status, reply.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
  });

  it('stops a balance at its ceiling with a 409 instead of overflowing the column', async () => {
    const target = await devLogin(server.url, 'hostile-rich');
    const targetId = (await post(fn('member'), { action: 'profile' }, { token: target })).body.data.id;
    const adjust = (delta: number, requestId: string) =>
      post(fn('admin'), { action: 'adjustPoints', targetMemberId: targetId, delta, reason: '上限测试', requestId }, { token: admin });
    // A balance already near the int column's limit (a data import, years of adjustments).
    await server.db.query('select book_points($1, 999900000, \'admin_adjust\', \'hostile-import\', null, now(), null, null)', [targetId]);
    const below = await adjust(100_000, 'hostile-ceiling-1');
    expect([below.status, below.body.data.balance]).toEqual([200, 1_000_000_000]);
    const past = await adjust(1, 'hostile-ceiling-2');
    expect([past.status, past.body.error.code]).toEqual([409, 'POINTS_LIMIT']);
    const down = await adjust(-5, 'hostile-ceiling-3');
    expect([down.status, down.body.data.balance]).toEqual([200, 999_999_995]);
    // Above the ceiling (imported that way), staff can still take points away.
    await server.db.query('select book_points($1, 100000000, \'admin_adjust\', \'hostile-import-2\', null, now(), null, null)', [targetId]);
    const deducted = await adjust(-10, 'hostile-ceiling-4');
    expect([deducted.status, deducted.body.data.balance]).toEqual([200, 1_099_999_985]);
  });
});
