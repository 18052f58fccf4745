import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { copyValues, discountName, postsForDay, renderCopy, repeatsOn, unknownVariables, type CopyValues, type PlanPost } from '@cloud/domain/group-plan';

// 2026-12-07 is a Monday, 2026-12-09 a Wednesday (the member day), 2026-12-13 a Sunday.
const brand = {
  memberDay: { weekday: 3, orderDiscountRate: 0.95 },
  // Monday 鞋履 (c1), Wednesday 配饰 (c3), closed the other nights.
  nightMarket: { ...DEFAULT_BRAND_SETTINGS.nightMarket, categoryByWeekday: ['c1', null, 'c3', null, null, null, null] },
};
const names: Record<string, string> = { c1: '鞋履', c3: '配饰' };
const categoryName = (id: string) => names[id];

const values: CopyValues = { 今晚品类: '鞋履', 会员日: '周三', 会员日折扣: '95折', 日期: '12月7日' };

describe('renderCopy', () => {
  it.each([
    ['no variable', '早安，今天也要签到哦', values, '早安，今天也要签到哦'],
    ['one variable', '今晚22:00夜市：{今晚品类}专场', values, '今晚22:00夜市：鞋履专场'],
    ['twice the same', '{会员日}会员日，{会员日}全场{会员日折扣}', values, '周三会员日，周三全场95折'],
    ['an unknown {…} stays as written', '满{100}减20', values, '满{100}减20'],
    ['a variable without value that day', '今晚{今晚品类}', { ...values, 今晚品类: null }, null],
    ['a missing value only matters when used', '{日期}签到', { ...values, 会员日折扣: null }, '12月7日签到'],
  ])('%s', (_name, text, given, expected) => {
    expect(renderCopy(text, given)).toBe(expected);
  });

  it('leaves a text without any known variable unchanged, whatever the values', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !s.includes('{')), (text) => {
        expect(renderCopy(text, { 今晚品类: null, 会员日: null, 会员日折扣: null, 日期: null })).toBe(text);
      }),
    );
  });
});

describe('unknownVariables', () => {
  it.each([
    ['known ones', '{今晚品类} {会员日} {会员日折扣} {日期}', []],
    ['a typo', '今晚{今晚品名}上新', ['今晚品名']],
    ['each once', '{品牌}{品牌}{门店}', ['品牌', '门店']],
    ['braces around spaces are not a variable', '{ }', []],
  ])('%s', (_name, text, expected) => {
    expect(unknownVariables(text)).toEqual(expected);
  });
});

describe('discountName', () => {
  it.each([
    [0.95, '95折'],
    [0.9, '9折'],
    [0.88, '88折'],
    [0.5, '5折'],
    [1, null],
    [null, null],
  ])('%s → %s', (rate, expected) => {
    expect(discountName(rate)).toBe(expected);
  });
});

describe('copyValues', () => {
  it.each([
    ['Monday: 鞋履 night', '2026-12-07', { 今晚品类: '鞋履', 会员日: '周三', 会员日折扣: '95折', 日期: '12月7日' }],
    ['Tuesday: no market', '2026-12-08', { 今晚品类: null, 会员日: '周三', 会员日折扣: '95折', 日期: '12月8日' }],
    ['Wednesday: 配饰 night', '2026-12-09', { 今晚品类: '配饰', 会员日: '周三', 会员日折扣: '95折', 日期: '12月9日' }],
  ])('%s', (_name, day, expected) => {
    expect(copyValues(day, brand, categoryName)).toEqual(expected);
  });

  it('has no member day values when the brand has no member day', () => {
    expect(copyValues('2026-12-09', { ...brand, memberDay: { weekday: null, orderDiscountRate: 0.95 } }, categoryName)).toMatchObject({ 会员日: null, 会员日折扣: null });
  });

  it('has no tonight category when the category is gone', () => {
    expect(copyValues('2026-12-07', brand, () => undefined).今晚品类).toBeNull();
  });
});

describe('repeatsOn', () => {
  it.each([
    ['daily on a Sunday', 'daily', '2026-12-13', 3, true],
    ['member day on Wednesday', 'member_day', '2026-12-09', 3, true],
    ['member day on Monday', 'member_day', '2026-12-07', 3, false],
    ['member day without one', 'member_day', '2026-12-09', null, false],
    ['weekday 1 on Monday', '1', '2026-12-07', 3, true],
    ['weekday 7 on Sunday', '7', '2026-12-13', 3, true],
    ['weekday 7 on Monday', '7', '2026-12-07', 3, false],
  ] as const)('%s', (_name, repeat, day, memberDay, expected) => {
    expect(repeatsOn(repeat, day, memberDay)).toBe(expected);
  });
});

describe('postsForDay', () => {
  const post = (id: string, time: string, repeat: PlanPost['repeat'], body: string, card: PlanPost['card'] = 'none'): PlanPost => ({ id, time, repeat, body, card });
  const plan = [
    post('4', '22:00', 'daily', '夜市开场：{今晚品类}', 'night_market'),
    post('1', '10:00', 'daily', '{日期}日签来啦', 'checkin'),
    post('2', '20:00', 'daily', '还没签到的快来', 'checkin'),
    post('3', '12:00', 'member_day', '会员日全场{会员日折扣}'),
    post('5', '22:00', 'daily', '夜市不带卡片'),
  ];

  it.each([
    ['Monday: daily posts and the 鞋履 night', '2026-12-07', [['1', '10:00', '12月7日日签来啦'], ['2', '20:00', '还没签到的快来'], ['4', '22:00', '夜市开场：鞋履'], ['5', '22:00', '夜市不带卡片']]],
    ['Tuesday: no market, so no 夜市 card', '2026-12-08', [['1', '10:00', '12月8日日签来啦'], ['2', '20:00', '还没签到的快来'], ['5', '22:00', '夜市不带卡片']]],
    [
      'Wednesday: member day post too',
      '2026-12-09',
      [['1', '10:00', '12月9日日签来啦'], ['3', '12:00', '会员日全场95折'], ['2', '20:00', '还没签到的快来'], ['4', '22:00', '夜市开场：配饰'], ['5', '22:00', '夜市不带卡片']],
    ],
  ])('%s', (_name, day, expected) => {
    expect(postsForDay(plan, day, brand, categoryName).map(({ post: p, copy }) => [p.id, p.time, copy])).toEqual(expected);
  });

  it('lists posts by time whatever order the plan is in', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(plan), (posts) => {
        const times = postsForDay(posts, '2026-12-09', brand, categoryName).map((p) => p.post.time);
        expect(times).toEqual([...times].sort());
      }),
    );
  });
});
