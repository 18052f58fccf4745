/**
 * 配置 (admin subpackage): the brand's rules in sections, in yuan, days and percentages; edits
 * are kept across sections until 保存 sends the whole settings object, in fen and rates; a
 * refused save shows the server's message at each field it names and opens its section.
 */
import { cleanup, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrandSettings } from '@cloud/contract';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { AdminSettingsScreen } from '@/packages/admin/settings';
import { setTransport } from '@/services/transports';
import { templates } from './admin-fixtures';
import { actionOf, fakeTransport, type RecordedCall } from './fake-transport';
import { answering, errorAt, field, paramsOf, refusal, tap, text, typeAt, valueAt } from './form-helpers';

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
  vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const settings: BrandSettings = structuredClone(DEFAULT_BRAND_SETTINGS);
const categories = [
  { id: '11', name: '连衣裙', imageUrl: null, position: 1, active: true, productCount: 4 },
  { id: '12', name: '鞋包', imageUrl: null, position: 2, active: true, productCount: 2 },
];

const openSection = (key: string) => tap(document.querySelector(`.admin-settings__section--${key} .admin-settings__head`)!);

const transport = (configSet: (c: RecordedCall) => unknown) =>
  answering({ 'admin.configGet': settings, 'admin.couponTemplates': templates, 'admin.categories': categories, 'admin.configSet': configSet });

describe('配置', () => {
  it('shows yuan, days and percentages; edits in several sections are kept and saved exactly, in fen and rates', async () => {
    const calls = transport((c) => (c.payload as { settings: BrandSettings }).settings);
    render(<AdminSettingsScreen />);
    await waitFor(() => expect(text('.admin-settings__section--shipping .admin-settings__summary')).toBe('运费 ¥10 · 满 ¥99 包邮'));
    expect(text('.admin-settings__section--memberDay .admin-settings__summary')).toBe('每周三 · 会员日价 95%');
    expect(text('.admin-settings__section--makeup .admin-settings__summary')).toBe('漏签 7 天内可补 · 每月 2 次 · 每次 20 积分');
    expect(text('.admin-settings__state')).toBe('所有设置已保存');
    expect(document.querySelector('.admin-settings__save')!.hasAttribute('disabled')).toBe(true);

    await openSection('shipping');
    expect([valueAt('shipping.feeFen'), valueAt('shipping.freeFromFen'), valueAt('shipping.returnDays')]).toEqual(['10', '99', '7']);
    typeAt('shipping.feeFen', '12.5');
    typeAt('shipping.freeFromFen', '');
    expect(text('.admin-settings__section--shipping .admin-settings__summary')).toBe('运费 ¥12.50 · 不按金额包邮');

    await openSection('memberDay');
    expect(valueAt('memberDay.orderDiscountRate')).toBe('95');
    expect(valueAt('tiers.3.benefits.memberDayMultiplier')).toBe('3');
    await tap(field('memberDay.weekday')!.querySelector('.admin-field__pick')!);
    await tap(document.querySelector('.option-sheet__option[data-value="5"]')!);
    expect(text('.admin-field[data-path="memberDay.weekday"] .admin-form__picked')).toBe('周五');
    typeAt('memberDay.orderDiscountRate', '88.5');

    await openSection('nightMarket');
    await tap(field('nightMarket.categoryByWeekday.4')!.querySelector('.admin-field__pick')!);
    await tap(document.querySelector('.option-sheet__option[data-value="11"]')!);

    // Closing a section keeps what was typed in it, "12.5" as typed.
    await openSection('shipping');
    expect(field('shipping.feeFen')).toBeNull();
    await openSection('shipping');
    expect(valueAt('shipping.feeFen')).toBe('12.5');
    expect(text('.admin-settings__state')).toBe('有未保存的修改');

    await openSection('checkin');
    await tap(document.querySelector('.admin-settings__list[data-path="checkin.milestones"] .admin-settings__item-add')!);
    typeAt('checkin.milestones.3.days', '500');
    typeAt('checkin.milestones.3.bonusPoints', '8000');

    await tap(document.querySelector('.admin-settings__save')!);
    await waitFor(() => expect(text('.admin-settings__state')).toBe('所有设置已保存'));
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
    const expected = structuredClone(settings);
    expected.shipping.feeFen = 1250;
    expected.shipping.freeFromFen = null;
    expected.memberDay = { weekday: 5, orderDiscountRate: 0.885 };
    expected.nightMarket.categoryByWeekday[4] = '11';
    expected.checkin.milestones.push({ days: 500, bonusPoints: 8000, couponTemplateId: null });
    expect(paramsOf(calls, 'admin.configSet')).toEqual([{ action: 'configSet', settings: expected }]);
    // The saved values, as the server answered them.
    expect(valueAt('shipping.feeFen')).toBe('12.5');
    expect(text('.admin-settings__section--memberDay .admin-settings__summary')).toBe('每周五 · 会员日价 88.5%');
  });

  it('shows the server’s message at each field it names, opens their sections, and keeps the edit', async () => {
    const calls = transport(() =>
      refusal(
        'INVALID_PARAMS',
        [
          { path: 'settings.shipping.feeFen', message: '不能大于 1000 元' },
          { path: 'settings.tiers.2.keep', message: '保级成长值不能高于升级成长值' },
        ],
        '设置有误：settings.shipping.feeFen 不能大于 1000 元；settings.tiers.2.keep 保级成长值不能高于升级成长值',
      ),
    );
    render(<AdminSettingsScreen />);
    await waitFor(() => expect(document.querySelector('.admin-settings__section--shipping')).not.toBeNull());
    await openSection('shipping');
    typeAt('shipping.feeFen', '1000.01');
    await tap(document.querySelector('.admin-settings__save')!);

    await waitFor(() => expect(errorAt('shipping.feeFen')).toBe('不能大于 1000 元'));
    expect(paramsOf(calls, 'admin.configSet')[0]).toMatchObject({ settings: { shipping: { feeFen: 100_001 } } });
    // The tiers section opened by itself, the message under 金卡's 保级成长值 only.
    expect(errorAt('tiers.2.keep')).toBe('保级成长值不能高于升级成长值');
    expect(errorAt('tiers.1.keep')).toBeNull();
    expect(text('.admin-settings__section--tiers .admin-settings__wrong')).toBe('1 处需修改');
    expect(text('.admin-settings__save-error')).toBe('有 2 处设置需要修改，见标红的项');
    expect(valueAt('shipping.feeFen')).toBe('1000.01');

    // Changing the field clears its message; the other stays until the next save.
    typeAt('shipping.feeFen', '1000');
    expect(errorAt('shipping.feeFen')).toBeNull();
    expect(errorAt('tiers.2.keep')).toBe('保级成长值不能高于升级成长值');
    expect(text('.admin-settings__state')).toBeUndefined();
  });

  it('says why the settings did not load, and loads them on a tap', async () => {
    let fail = true;
    fakeTransport((c) => {
      if (actionOf(c) !== 'admin.configGet') return [];
      if (fail) return { status: 500, body: { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } } };
      return settings;
    });
    render(<AdminSettingsScreen />);
    await waitFor(() => expect(text('.admin-list__msg')).toBe('系统繁忙，请稍后再试，点击重试'));
    fail = false;
    await tap(document.querySelector('.admin-list__msg')!);
    await waitFor(() => expect(document.querySelectorAll('.admin-settings__section')).toHaveLength(11));
    await tap(document.querySelector('.admin-settings__campaigns')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/campaigns/index' });
    await tap(document.querySelector('.admin-settings__coupons')!);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/coupons/index' });
    await tap(document.querySelector('.admin-settings__mall')!);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/mall/index' });
  });
});
