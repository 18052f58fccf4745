import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderScript, triggerText, type ScriptValues } from '@cloud/domain/sop-script';
import type { SopTrigger } from '@cloud/domain/sop-plan';

const values = (v: Partial<ScriptValues> = {}): ScriptValues => ({
  nickname: '林小姐',
  guideName: '小美',
  couponName: '回访关怀券',
  productName: '羊毛大衣',
  holidayName: '双11',
  churnReason: '平时约每 7 天来一次，已 30 天没来',
  ...v,
});

describe('renderScript', () => {
  it.each([
    ['{昵称}您好，我是{导购}', values(), '林小姐您好，我是小美'],
    ['{昵称}您好', values({ nickname: null }), '亲您好'],
    ['{昵称}您好', values({ nickname: '   ' }), '亲您好'],
    ['送您一张{券}', values(), '送您一张回访关怀券'],
    ['送您一张{券}', values({ couponName: null }), '送您一张专属优惠券'],
    ['{商品}到了', values({ productName: null }), '新品到了'],
    ['{节日}快乐', values(), '双11快乐'],
    ['{节日}快乐', values({ holidayName: null }), '节日快乐'],
    ['{原因}，想您了', values(), '平时约每 7 天来一次，已 30 天没来，想您了'],
    ['我是您的专属导购{导购}～', values({ guideName: null }), '我是您的专属导购～'],
    // Every occurrence, and text in braces that is not a variable stays as written.
    ['{昵称}，{昵称}！', values(), '林小姐，林小姐！'],
    ['{会员号} {昵称}', values(), '{会员号} 林小姐'],
    ['没有变量', values(), '没有变量'],
  ])('%s → %s', (script, v, expected) => {
    expect(renderScript(script, v)).toBe(expected);
  });

  it('leaves no known variable behind, whatever the values', () => {
    const maybe = fc.option(fc.string({ maxLength: 12 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('{昵称}', '{导购}', '{券}', '{商品}', '{节日}', '{原因}', '您好', '，'), { maxLength: 12 }),
        maybe,
        maybe,
        (parts, nickname, couponName) => {
          const out = renderScript(parts.join(''), values({ nickname, couponName }));
          // A value may itself contain braces: only check the known names vanish when values are brace-free.
          if (!`${nickname}${couponName}`.includes('{')) expect(out).not.toMatch(/\{(昵称|导购|券|商品|节日|原因)\}/);
        },
      ),
    );
  });

  it('never fills a value in twice (a nickname that looks like a variable stays as given)', () => {
    expect(renderScript('{昵称}，{券}', values({ nickname: '{券}' }))).toBe('{券}，回访关怀券');
  });
});

describe('triggerText', () => {
  it.each<[SopTrigger, string]>([
    [{ kind: 'bound', days: 0 }, '新会员绑定当天'],
    [{ kind: 'bound', days: 3 }, '绑定后第 3 天'],
    [{ kind: 'holiday', name: '七夕', dates: ['2026-08-19'] }, '节日 · 七夕'],
    [{ kind: 'birthday' }, '会员生日'],
    [{ kind: 'tierUp' }, '会员等级提升'],
    [{ kind: 'segment', segment: 'churnRisk' }, '进入流失预警'],
    [{ kind: 'segment', segment: 'highValue' }, '成为高价值会员'],
    [{ kind: 'delivered', days: 7 }, '签收后 7 天'],
  ])('%j → %s', (trigger, expected) => {
    expect(triggerText(trigger)).toBe(expected);
  });
});
