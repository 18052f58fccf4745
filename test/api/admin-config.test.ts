/**
 * 配置 over HTTP: a refused admin.configSet names each wrong field with a Chinese message in the
 * unit the editor shows (yuan, %), and saves nothing; a campaign whose prize is worth more than
 * ¥50,000 is refused with the reason at that prize's value; a coupon template's discount above its
 * threshold, at the discount; a mall item's window that ends before it starts, at its end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devLogin, post } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('admin 配置: the server says which field is wrong', () => {
  let server: TestServer;
  let admin: string;
  const adminCall = (action: string, params: Record<string, unknown>) => post(`${server.url}/api/fn/admin`, { action, ...params }, { token: admin });
  beforeAll(async () => {
    server = await startTestServer();
    admin = await devLogin(server.url, 'config-fields-admin', 'admin');
  });
  afterAll(() => server?.close());

  it('answers 400 with a path and a message per wrong field, and keeps the settings as they were', async () => {
    const current = (await adminCall('configGet', {})).body.data;
    const settings = {
      ...current,
      checkin: {
        ...current.checkin,
        basePoints: -5,
        milestones: [current.checkin.milestones[1], current.checkin.milestones[0], current.checkin.milestones[2]],
      },
      shipping: { ...current.shipping, feeFen: 100_001, freeFromFen: 12.5 },
      memberDay: { ...current.memberDay, orderDiscountRate: 0.3 },
      tiers: current.tiers.map((t: { keep: number; threshold: number }, i: number) => (i === 2 ? { ...t, keep: t.threshold + 1 } : t)),
    };
    const refused = await adminCall('configSet', { settings });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    expect(refused.body.error.fields).toEqual([
      { path: 'settings.checkin.basePoints', message: '不能小于 0' },
      { path: 'settings.checkin.milestones.1.days', message: '天数需比上一档多' },
      { path: 'settings.memberDay.orderDiscountRate', message: '不能小于 50%' },
      { path: 'settings.shipping.feeFen', message: '不能大于 1000 元' },
      { path: 'settings.shipping.freeFromFen', message: '金额最多两位小数' },
      { path: 'settings.tiers.2.keep', message: '保级成长值不能高于升级成长值' },
    ]);
    expect(refused.body.error.message).toMatch(/^设置有误：settings\.checkin\.basePoints 不能小于 0；/);
    expect((await adminCall('configGet', {})).body.data).toEqual(current);

    // A right value in the same place is saved.
    const saved = await adminCall('configSet', { settings: { ...current, shipping: { ...current.shipping, feeFen: 800 } } });
    expect(saved.status).toBe(200);
    expect(saved.body.data.shipping.feeFen).toBe(800);
    expect(saved.body.error).toBeUndefined();
  });

  it('refuses a campaign with a prize worth more than ¥50,000, the reason at that prize', async () => {
    const prize = { stock: null, dailyCap: null, couponTemplateId: null, points: null, imageUrl: null };
    const campaign = {
      name: '新年抽奖',
      startsAt: '2031-01-01T00:00:00+08:00',
      endsAt: '2031-02-01T00:00:00+08:00',
      drawsPerDay: 1,
      winsPerDay: 1,
      winsPerCampaign: 1,
      prizes: [
        { ...prize, kind: 'goods', name: '汽车', odds: 1, stock: 1, valueFen: 5_000_001 },
        { ...prize, kind: 'none', name: '谢谢参与', odds: 9_999, valueFen: 0 },
      ],
    };
    const refused = await adminCall('saveCampaign', { campaign });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'CAMPAIGN_INVALID']);
    expect(refused.body.error.fields).toEqual([{ path: 'campaign.prizes.0.valueFen', message: '单个奖品价值不得超过 50000 元（有奖销售规定）' }]);
    expect((await adminCall('campaigns', {})).body.data.map((c: { name: string }) => c.name)).not.toContain('新年抽奖');

    // What the contract itself refuses is named the same way.
    const contract = await adminCall('saveCampaign', { campaign: { ...campaign, name: '抽'.repeat(41), startsAt: '2031-01-01 00:00', prizes: [{ ...campaign.prizes[0], odds: 1.5 }, campaign.prizes[1]] } });
    expect([contract.status, contract.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    expect(contract.body.error.fields).toEqual([
      { path: 'campaign.name', message: '最多 40 个字' },
      { path: 'campaign.startsAt', message: '请按 2026-12-01 20:00 的格式填写' },
      { path: 'campaign.prizes.0.odds', message: '请填写整数' },
    ]);

    const atLimit = await adminCall('saveCampaign', { campaign: { ...campaign, prizes: [{ ...campaign.prizes[0], valueFen: 5_000_000 }, campaign.prizes[1]] } });
    expect(atLimit.status).toBe(200);
  });

  it('refuses a coupon template whose discount is above its threshold, the reason at the discount', async () => {
    const template = { name: '满50减80', kind: 'amount_off', amountOffFen: 8000, thresholdFen: 5000, validDays: 30 };
    const refused = await adminCall('saveCouponTemplate', { template });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    expect(refused.body.error.fields).toEqual([{ path: 'template.amountOffFen', message: '减免金额不能高于使用门槛' }]);
    const noValidity = await adminCall('saveCouponTemplate', { template: { ...template, amountOffFen: 1000, validDays: null } });
    expect(noValidity.body.error.fields).toEqual([{ path: 'template.validDays', message: '有效期请二选一：固定日期，或领取后 N 天' }]);
    expect((await adminCall('couponTemplates', {})).body.data.map((t: { name: string }) => t.name)).not.toContain('满50减80');
  });

  it('refuses a mall item that ends before it starts (the times compared as instants), the reason at the end', async () => {
    const item = { name: '帆布袋', kind: 'goods', pointsPrice: 500, stock: 10, startsAt: '2031-01-01T01:00:00Z', endsAt: '2031-01-01T08:30:00+08:00' };
    const refused = await adminCall('saveMallItem', { item });
    expect([refused.status, refused.body.error.code]).toEqual([400, 'INVALID_PARAMS']);
    expect(refused.body.error.fields).toEqual([{ path: 'item.endsAt', message: '结束时间必须晚于开始时间' }]);
    const saved = await adminCall('saveMallItem', { item: { ...item, endsAt: '2031-01-01T09:30:00+08:00' } });
    expect(saved.status).toBe(200);
    expect((await adminCall('mallItems', {})).body.data.filter((i: { name: string }) => i.name === '帆布袋')).toHaveLength(1);
  });

  it('keeps a mall item in the currency members redeemed it with: switching it to 社群积分 afterwards is refused at the currency', async () => {
    const item = { name: '收纳盒', kind: 'goods', pointsPrice: 100, stock: 10, currency: 'points' };
    const saved = (await adminCall('saveMallItem', { item })).body.data;
    const fresh = { ...item, id: saved.id };
    expect((await adminCall('saveMallItem', { item: { ...fresh, currency: 'group_points' } })).status).toBe(200);
    expect((await adminCall('saveMallItem', { item: fresh })).status).toBe(200);
    await server.db.query('update mall_items set redeemed = 1 where id = $1', [saved.id]);
    const refused = await adminCall('saveMallItem', { item: { ...fresh, currency: 'group_points' } });
    expect([refused.status, refused.body.error.fields]).toEqual([400, [{ path: 'item.currency', message: '已有会员兑换过，不能更换兑换所用的积分；请新建一个商品' }]]);
    expect((await adminCall('saveMallItem', { item: { ...fresh, stock: 20 } })).status).toBe(200);
  });
});
