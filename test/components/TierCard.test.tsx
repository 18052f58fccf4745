import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TierCard as TierCardData } from '@cloud/contract';
import TierCard from '@/components/TierCard';

afterEach(cleanup);

const tiers: TierCardData['tiers'] = [
  { key: 'normal', name: '普通会员', threshold: 0, keep: 0, benefits: { pointsMultiplier: 1, memberDayMultiplier: 2, birthdayPoints: 50, memberPriceRate: 1, freeShipping: false } },
  { key: 'silver', name: '银卡会员', threshold: 500, keep: 300, benefits: { pointsMultiplier: 1.2, memberDayMultiplier: 2, birthdayPoints: 100, memberPriceRate: 0.98, freeShipping: false } },
  { key: 'gold', name: '金卡会员', threshold: 2000, keep: 1500, benefits: { pointsMultiplier: 1.5, memberDayMultiplier: 2, birthdayPoints: 300, memberPriceRate: 0.95, freeShipping: true } },
  { key: 'diamond', name: '钻石会员', threshold: 5000, keep: 4000, benefits: { pointsMultiplier: 2, memberDayMultiplier: 3, birthdayPoints: 800, memberPriceRate: 0.9, freeShipping: true } },
];

const card = (over: Partial<TierCardData> = {}): TierCardData => ({
  tier: { key: 'silver', name: '银卡会员' },
  growth: 1250,
  windowMonths: 12,
  next: { key: 'gold', name: '金卡会员', threshold: 2000, needed: 750 },
  keep: { threshold: 300, needed: 0, on: '2027-03-01' },
  tiers,
  ...over,
});

const text = () => document.body.textContent ?? '';

describe('TierCard', () => {
  it('shows the tier, 成长值, the progress to the next tier and what it takes', () => {
    render(<TierCard card={card()} />);
    expect(document.querySelector('.tier-card__name')!.textContent).toBe('银卡会员');
    expect(text()).toContain('成长值 1250');
    expect(text()).toContain('近 12 个月累计');
    expect(text()).toContain('再获得 750 成长值升级为金卡会员');
    // (1250 - 500) / (2000 - 500) = 50 %
    expect(document.querySelector<HTMLElement>('.tier-card__bar-fill')!.style.width).toBe('50%');
  });

  it('the keep-tier line: 保级：date 前需 N 成长值, or already kept; none for the base tier', () => {
    const { rerender } = render(<TierCard card={card({ growth: 100, keep: { threshold: 300, needed: 200, on: '2027-03-01' } })} />);
    expect(text()).toContain('保级：2027-03-01 前需 200 成长值');
    rerender(<TierCard card={card()} />);
    expect(text()).toContain('保级：已满足 2027-03-01 的保级条件');
    rerender(
      <TierCard
        card={card({ tier: { key: 'normal', name: '普通会员' }, growth: 40, keep: null, next: { key: 'silver', name: '银卡会员', threshold: 500, needed: 460 } })}
      />,
    );
    expect(text()).not.toContain('保级');
    expect(text()).toContain('再获得 460 成长值升级为银卡会员');
    expect(document.querySelector<HTMLElement>('.tier-card__bar-fill')!.style.width).toBe('8%');
  });

  it('the top tier: 已是最高等级 and a full bar', () => {
    render(<TierCard card={card({ tier: { key: 'diamond', name: '钻石会员' }, growth: 6000, next: null })} />);
    expect(text()).toContain('已是最高等级');
    expect(document.querySelector<HTMLElement>('.tier-card__bar-fill')!.style.width).toBe('100%');
  });

  it('the benefits of every tier: multipliers, birthday points, 会员价 in 折, 包邮; the current tier marked', () => {
    render(<TierCard card={card()} />);
    const rows = [...document.querySelectorAll('.tier-card__row')].map((r) =>
      [...r.querySelectorAll('.tier-card__cell')].map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['权益', '普通', '银卡', '金卡', '钻石'],
      ['积分倍数', '×1', '×1.2', '×1.5', '×2'],
      ['会员日倍数', '×2', '×2', '×2', '×3'],
      ['生日礼积分', '50', '100', '300', '800'],
      ['会员价', '无', '9.8折', '9.5折', '9折'],
      ['包邮', '—', '—', '✓', '✓'],
      ['升级成长值', '0', '500', '2000', '5000'],
    ]);
    const current = [...document.querySelectorAll('.tier-card__cell--current')].map((c) => c.textContent);
    expect(current).toEqual(['银卡', '×1.2', '×2', '100', '9.8折', '—', '500']);
  });
});
