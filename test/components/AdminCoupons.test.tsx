/**
 * 券模板 (admin subpackage): the templates with value, condition and validity; one edited in yuan
 * and saved in fen; the server's refusal shown at the field it names; a new 折扣券 made with
 * fixed dates and categories, saved with only its kind's discount.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CouponTemplateView } from '@cloud/contract';
import { AdminCouponsScreen } from '@/packages/admin/coupons';
import { setTransport } from '@/services/transports';
import { template, templates } from './admin-fixtures';
import { type RecordedCall } from './fake-transport';
import { all, answering, field, paramsOf, refusal, tap, text, typeAt, valueAt } from './form-helpers';

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const categories = [
  { id: '11', name: '连衣裙', imageUrl: null, position: 1, active: true, productCount: 4 },
  { id: '12', name: '鞋包', imageUrl: null, position: 2, active: true, productCount: 2 },
];


const transport = (save: (c: RecordedCall) => unknown) => answering({ 'admin.couponTemplates': templates, 'admin.categories': categories, 'admin.saveCouponTemplate': save });

describe('券模板', () => {
  it('edits a template in yuan, sent in fen; the server’s refusal shows at the discount', async () => {
    const calls = transport(() => refusal('INVALID_PARAMS', [{ path: 'template.amountOffFen', message: '减免金额不能高于使用门槛' }]));
    render(<AdminCouponsScreen />);
    await waitFor(() => expect(all('.admin-editor__name')).toEqual(['满100减20', '已停用的券', '全场9折']));
    expect(all('.admin-editor__state')).toEqual(['可发放', '已停用', '可发放']);
    expect(text('.admin-coupons__item[data-template="4"] .admin-editor__prizes')).toBe('9折 · 无门槛，最高减¥50');

    await tap(document.querySelector('.admin-coupons__item[data-template="2"]')!);
    expect([valueAt('amountOffFen'), valueAt('thresholdFen'), valueAt('validDays')]).toEqual(['20', '100', '30']);
    typeAt('amountOffFen', '120.5');
    expect(text('.admin-editor__preview')).toBe('¥120.50 · 满¥100可用 · 领取后 30 天有效');
    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(field('amountOffFen')!.querySelector('.admin-field__error')?.textContent).toBe('减免金额不能高于使用门槛'));
    expect(text('.admin-editor__refusal')).toBe('减免金额不能高于使用门槛');
    expect(paramsOf(calls, 'admin.saveCouponTemplate')).toEqual([{ action: 'saveCouponTemplate', template: { ...template(), amountOffFen: 12_050 } }]);
  });

  it('a new 折扣券 with fixed dates and categories: only the percentage is sent, then listed first', async () => {
    const calls = transport((c) => ({ ...(c.payload as { template: CouponTemplateView }).template, id: '9' }));
    render(<AdminCouponsScreen />);
    await waitFor(() => expect(document.querySelector('.admin-coupons__item')).not.toBeNull());
    await tap(document.querySelector('.admin-editor__new')!);
    fireEvent.input(field('name')!.querySelector('input')!, { target: { value: '连衣裙85折' } });
    typeAt('amountOffFen', '10');
    await tap(field('kind')!.querySelector('[data-value="percent_off"]')!);
    expect(field('amountOffFen')).toBeNull();
    typeAt('percentOff', '15');
    expect(text('.admin-field[data-path="percentOff"] .admin-field__hint')).toBe('即 8.5折');
    typeAt('capFen', '30');
    await tap(document.querySelector('.admin-coupons__validity [data-value="fixed"]')!);
    fireEvent.input(field('validFrom')!.querySelector('input')!, { target: { value: '2026-12-01' } });
    fireEvent.input(field('validUntil')!.querySelector('input')!, { target: { value: '2026-12-31' } });
    await tap(field('categoryIds')!.querySelector('.admin-field__pick')!);
    await tap(document.querySelector('.option-sheet__option[data-value="11"]')!);
    await tap(document.querySelector('.option-sheet__confirm')!);
    expect(text('.admin-field[data-path="categoryIds"] .admin-form__picked')).toBe('连衣裙');

    await tap(document.querySelector('.admin-editor__save')!);
    await waitFor(() => expect(all('.admin-editor__name')[0]).toBe('连衣裙85折'));
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }));
    expect(paramsOf(calls, 'admin.saveCouponTemplate')[0]).toEqual({
      action: 'saveCouponTemplate',
      template: {
        name: '连衣裙85折',
        kind: 'percent_off',
        amountOffFen: null,
        percentOff: 15,
        capFen: 3000,
        thresholdFen: 0,
        validFrom: '2026-12-01',
        validUntil: '2026-12-31',
        validDays: null,
        categoryIds: ['11'],
        perMemberLimit: null,
        active: true,
      },
    });
  });
});
