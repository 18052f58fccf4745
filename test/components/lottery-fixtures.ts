/** The demo campaign (cloud/seed/demo-catalog) as lottery.current answers it, and draw results. */
import { fireEvent } from '@testing-library/react';
import type { AwardView, CouponView, DrawResult, LotteryCampaignView, PrizeView } from '@cloud/contract';

const prize = (position: number, kind: PrizeView['kind'], name: string, oddsPercent: number, total: number | null = null): PrizeView => ({
  id: String(position + 1),
  position,
  kind,
  name,
  oddsPercent,
  total,
  imageUrl: null,
});

export const PRIZES: PrizeView[] = [
  prize(0, 'coupon', '满100减20券', 15),
  prize(1, 'points', '10 积分', 25),
  prize(2, 'coupon', '全场9折券', 8),
  prize(3, 'points', '100 积分', 3),
  prize(4, 'goods', '新款针织开衫', 0.2, 20),
  prize(5, 'coupon', '新品立减50', 5),
  prize(6, 'goods', '品牌帆布袋', 0.8, 100),
  prize(7, 'none', '谢谢参与', 43),
];

export const campaign = (over: Partial<LotteryCampaignView> = {}): LotteryCampaignView => ({
  id: '1',
  name: '疯狂抽奖机',
  startsAt: '2026-11-22T10:00:00+08:00',
  endsAt: '2026-12-23T10:00:00+08:00',
  rulesText: '每天签到获得 1 次抽奖机会。实物奖品需填写收货地址。',
  limits: { drawsPerDay: 3, winsPerDay: 2, winsPerCampaign: 20 },
  pointsPerExtraDraw: 50,
  prizes: PRIZES,
  myChances: 2,
  myDrawsToday: 0,
  // The day's limit left: this campaign sells draws for points, so chances do not cap it.
  myDrawsLeftToday: 3,
  ...over,
});

export const coupon = (over: Partial<CouponView> = {}): CouponView => ({
  id: '11',
  name: '满100减20',
  kind: 'amount_off',
  amountOffFen: 2000,
  percentOff: null,
  capFen: null,
  thresholdFen: 10_000,
  code: 'XJZTZJ6BEQ7Q',
  state: 'available',
  validFrom: '2026-11-23',
  validUntil: '2026-12-22',
  source: 'lottery',
  usedAt: null,
  ...over,
});

export function drawResult(position: number, over: Partial<DrawResult> = {}): DrawResult {
  const p = PRIZES[position]!;
  const won = p.kind !== 'none';
  const award: AwardView | null = won
    ? {
        id: '31',
        drawnAt: '2026-11-23T10:00:00+08:00',
        prize: { id: p.id, kind: p.kind, name: p.name },
        coupon: p.kind === 'coupon' ? coupon() : null,
        points: p.kind === 'points' ? 10 : null,
        fulfilment: p.kind === 'goods' ? 'pending_address' : 'done',
        address: null,
      }
    : null;
  return {
    drawId: '21',
    prize: { id: p.id, position: p.position, kind: p.kind, name: p.name },
    won,
    award,
    chancesLeft: 1,
    balance: 800,
    ...over,
  };
}

/** Types an address into the open AddressForm (the phone given, the rest fixed). */
export function fillAddress(phone = '13812345678') {
  const input = (key: string) => document.querySelector<HTMLInputElement>(`.address-form__input--${key} input, input.address-form__input--${key}`)!;
  fireEvent.input(input('name'), { target: { value: '小林' } });
  fireEvent.input(input('phone'), { target: { value: phone } });
  fireEvent.input(input('region'), { target: { value: '上海市 静安区' } });
  fireEvent.input(input('detail'), { target: { value: '南京西路 1 号' } });
}

/** Changes only the phone of the open AddressForm. */
export function fillPhone(phone: string) {
  fireEvent.input(document.querySelector<HTMLInputElement>('.address-form__input--phone input, input.address-form__input--phone')!, { target: { value: phone } });
}
