/**
 * Demo coupons, a lottery campaign and points-mall items for a first local start, saved through
 * the same admin use cases operations staff use (so they pass the same checks). Each prize and
 * item has a picture, drawn by config/scripts/catalog-images.ts from DEMO_PICTURES.
 */
import { saveCampaign } from '../services/admin/campaigns';
import { saveCouponTemplate } from '../services/admin/coupon-templates';
import { saveMallItem } from '../services/admin/mall-items';
import type { UseCaseContext } from '../services/context';
import { Failure } from '../services/failure';
import type { ColorName, Silhouette } from './demo-products';

/** The saved value; a refusal is a bug in the demo data, so it stops the start. */
export function saved<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`demo catalogue refused: ${value.code} ${value.message}`);
  return value;
}

/** Where the server serves the files of ./catalog-images. */
export const catalogImageUrl = (file: string) => `/catalog-images/${file}`;

/**
 * What a prize's or a mall item's picture shows. Its name is printed beside it, so a picture
 * draws the thing (goods), or a coupon or a coin with one mark — never the name.
 */
export type DemoPicture =
  | { file: string; kind: 'goods'; silhouette: Silhouette; color: ColorName }
  | { file: string; kind: 'coupon'; color: ColorName; mark: string }
  | { file: string; kind: 'points'; color: ColorName }
  | { file: string; kind: 'none' };

export const DEMO_PICTURES = {
  couponAmount: { file: 'coupon-amount.svg', kind: 'coupon', color: '酒红', mark: '¥' },
  couponPercent: { file: 'coupon-percent.svg', kind: 'coupon', color: '雾霾蓝', mark: '折' },
  couponNew: { file: 'coupon-new.svg', kind: 'coupon', color: '墨绿', mark: '新' },
  points: { file: 'points.svg', kind: 'points', color: '鹅黄' },
  cardigan: { file: 'goods-cardigan.svg', kind: 'goods', silhouette: 'knit', color: '燕麦色' },
  tote: { file: 'goods-tote.svg', kind: 'goods', silhouette: 'bag', color: '米白' },
  cup: { file: 'goods-cup.svg', kind: 'goods', silhouette: 'cup', color: '香槟色' },
  socks: { file: 'goods-socks.svg', kind: 'goods', silhouette: 'socks', color: '灰色' },
  thanks: { file: 'thanks.svg', kind: 'none' },
} as const satisfies Record<string, DemoPicture>;

const picture = (key: keyof typeof DEMO_PICTURES) => catalogImageUrl(DEMO_PICTURES[key].file);

const DAY_MS = 86_400_000;

export async function seedDemoCatalog(ctx: UseCaseContext): Promise<void> {
  const template = (t: Parameters<typeof saveCouponTemplate>[2]['template']) => saveCouponTemplate(ctx, null, { template: t }).then(saved);
  const base = { percentOff: null, capFen: null, validFrom: null, validUntil: null, categoryIds: [], perMemberLimit: null, active: true };
  const off20 = await template({ ...base, name: '满100减20', kind: 'amount_off', amountOffFen: 2000, thresholdFen: 10_000, validDays: 30 });
  const off10pct = await template({
    ...base,
    name: '全场9折券',
    kind: 'percent_off',
    amountOffFen: null,
    percentOff: 10,
    capFen: 5000,
    thresholdFen: 0,
    validDays: 14,
  });
  const newLaunch = await template({ ...base, name: '新品立减50', kind: 'amount_off', amountOffFen: 5000, thresholdFen: 29_900, validDays: 7, perMemberLimit: 1 });

  const prize = { stock: null, dailyCap: null, valueFen: 0, couponTemplateId: null, points: null, imageUrl: null };
  saved(
    await saveCampaign(ctx, null, {
      campaign: {
        name: '疯狂抽奖机',
        startsAt: new Date(ctx.now.getTime() - DAY_MS).toISOString(),
        endsAt: new Date(ctx.now.getTime() + 30 * DAY_MS).toISOString(),
        drawsPerDay: 3,
        winsPerDay: 2,
        winsPerCampaign: 20,
        pointsPerExtraDraw: 50,
        rulesText:
          '每天签到获得 1 次抽奖机会，也可用 50 积分加抽 1 次；每人每天最多抽 3 次、中 2 次，活动期间最多中 20 次。实物奖品需在“我的奖品”中填写收货地址，7 个工作日内发出。奖品数量有限，抽完即止，未中奖时显示“谢谢参与”。',
        prizes: [
          { ...prize, kind: 'coupon', name: '满100减20券', odds: 1500, couponTemplateId: off20.id, valueFen: 2000, imageUrl: picture('couponAmount') },
          { ...prize, kind: 'points', name: '10 积分', odds: 2500, points: 10, valueFen: 10, imageUrl: picture('points') },
          { ...prize, kind: 'coupon', name: '全场9折券', odds: 800, couponTemplateId: off10pct.id, valueFen: 5000, imageUrl: picture('couponPercent') },
          { ...prize, kind: 'points', name: '100 积分', odds: 300, points: 100, valueFen: 100, imageUrl: picture('points') },
          { ...prize, kind: 'goods', name: '新款针织开衫', odds: 20, stock: 20, dailyCap: 2, valueFen: 39_900, imageUrl: picture('cardigan') },
          { ...prize, kind: 'coupon', name: '新品立减50', odds: 500, couponTemplateId: newLaunch.id, valueFen: 5000, imageUrl: picture('couponNew') },
          { ...prize, kind: 'goods', name: '品牌帆布袋', odds: 80, stock: 100, dailyCap: 5, valueFen: 5900, imageUrl: picture('tote') },
          { ...prize, kind: 'none', name: '谢谢参与', odds: 4300, imageUrl: picture('thanks') },
        ],
      },
    }),
  );

  const item = { description: '', imageUrl: null, couponTemplateId: null, currency: 'points' as 'points' | 'group_points', cashFen: 0, stock: null, perMemberLimit: null, minTier: 'normal' as const, startsAt: null, endsAt: null, active: true };
  for (const i of [
    { ...item, name: '满100减20券', kind: 'coupon' as const, couponTemplateId: off20.id, pointsPrice: 200, description: '全场满 100 元可用，30 天有效', imageUrl: picture('couponAmount') },
    { ...item, name: '全场9折券', kind: 'coupon' as const, couponTemplateId: off10pct.id, pointsPrice: 500, perMemberLimit: 2, description: '最高减 50 元，14 天有效', imageUrl: picture('couponPercent') },
    { ...item, name: '品牌帆布袋', kind: 'goods' as const, pointsPrice: 800, stock: 50, perMemberLimit: 1, description: '兑换后填写收货地址，包邮寄送', imageUrl: picture('tote') },
    { ...item, name: '金卡专享保温杯', kind: 'goods' as const, pointsPrice: 3000, stock: 20, minTier: 'gold' as const, description: '金卡及以上会员可兑', imageUrl: picture('cup') },
    { ...item, name: '加 19.9 元换购袜子三双', kind: 'goods' as const, pointsPrice: 100, cashFen: 1990, stock: 200, perMemberLimit: 2, description: '积分加现金换购，15 分钟内完成支付', imageUrl: picture('socks') },
    // 社群积分 section: earned by being in the brand's groups, never by sharing.
    { ...item, name: '群友专享 满100减20券', kind: 'coupon' as const, currency: 'group_points' as const, couponTemplateId: off20.id, pointsPrice: 150, perMemberLimit: 3, description: '社群积分兑换，全场满 100 元可用', imageUrl: picture('couponAmount') },
    { ...item, name: '群友专享 全场9折券', kind: 'coupon' as const, currency: 'group_points' as const, couponTemplateId: off10pct.id, pointsPrice: 300, perMemberLimit: 1, description: '社群积分兑换，最高减 50 元', imageUrl: picture('couponPercent') },
    { ...item, name: '群友专享 品牌帆布袋', kind: 'goods' as const, currency: 'group_points' as const, pointsPrice: 1000, stock: 30, perMemberLimit: 1, description: '社群积分兑换，填写地址后包邮寄送', imageUrl: picture('tote') },
  ]) {
    saved(await saveMallItem(ctx, null, { item: i }));
  }
}
