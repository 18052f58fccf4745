/** Coupon templates, campaigns and mall items for tests, made through the admin use cases. */
import type { CampaignInput, CouponTemplateInput, MallItemInput } from '@cloud/contract';
import type { Db } from '@cloud/db/port';
import { saveCampaign } from '@cloud/services/admin/campaigns';
import { saveCouponTemplate } from '@cloud/services/admin/coupon-templates';
import { saveMallItem } from '@cloud/services/admin/mall-items';
import { Failure } from '@cloud/services/failure';
import { adapters, brand } from './fixtures';

const ctx = (db: Db) => ({ db, brand, now: new Date(), adapters });

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

export async function couponTemplate(db: Db, over: Partial<CouponTemplateInput> = {}) {
  return ok(
    await saveCouponTemplate(ctx(db), null, {
      template: {
        name: '满100减20',
        kind: 'amount_off',
        amountOffFen: 2000,
        percentOff: null,
        capFen: null,
        thresholdFen: 10_000,
        validFrom: null,
        validUntil: null,
        validDays: 30,
        categoryIds: [],
        perMemberLimit: null,
        active: true,
        ...over,
      },
    }),
  );
}

type Prize = CampaignInput['prizes'][number];
export const prizeOf = (over: Partial<Prize> & Pick<Prize, 'kind' | 'name' | 'odds'>): Prize => ({
  stock: null,
  dailyCap: null,
  valueFen: 0,
  couponTemplateId: null,
  points: null,
  imageUrl: null,
  ...over,
});

export async function campaign(db: Db, over: Partial<CampaignInput> & Pick<CampaignInput, 'prizes'>) {
  return ok(
    await saveCampaign(ctx(db), null, {
      campaign: {
        name: '疯狂抽奖机',
        startsAt: '2020-01-01T00:00:00+08:00',
        endsAt: '2040-01-01T00:00:00+08:00',
        drawsPerDay: 100,
        winsPerDay: 100,
        winsPerCampaign: 10_000,
        pointsPerExtraDraw: null,
        rulesText: '',
        ...over,
      },
    }),
  );
}

export async function mallItem(db: Db, over: Partial<MallItemInput> & Pick<MallItemInput, 'kind' | 'pointsPrice'>) {
  return ok(
    await saveMallItem(ctx(db), null, {
      item: {
        name: '积分好礼',
        description: '',
        imageUrl: null,
        couponTemplateId: null,
        currency: 'points',
        cashFen: 0,
        stock: null,
        perMemberLimit: null,
        minTier: 'normal',
        startsAt: null,
        endsAt: null,
        active: true,
        ...over,
      },
    }),
  );
}
