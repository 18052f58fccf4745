/**
 * 收货地址: my addresses with the default first, a skeleton until the server answers; 新增 and
 * 编辑 through the address form, 设为默认, 删除 (asked first); a first address asks for the privacy
 * consent and is saved once the member agrees.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MemberProfile, SavedAddress } from '@cloud/contract';
import { AddressBookScreen } from '@/packages/address';
import { useMemberStore } from '@/stores/member';
import { actionOf, fail, fakeTransport, scriptedTransport, type RecordedCall } from './fake-transport';
import { fillAddress } from './lottery-fixtures';
import { savedAddress, useShopScreen } from './shop-fixtures';

useShopScreen({ signedIn: true });
beforeEach(() => useMemberStore.getState().reset());

const HOME = savedAddress();
const OFFICE = savedAddress({ id: '72', region: '上海市 浦东新区', detail: '世纪大道 100 号', isDefault: false });
const PROFILE: MemberProfile = {
  id: '9',
  nickname: null,
  avatarUrl: null,
  role: 'member',
  pointsBalance: 0,
  tier: { key: 'normal', name: '普通会员' },
  joinedOn: '2026-11-23',
  birthday: null,
  consent: null,
  consentVersionRequired: '2026-11-01',
  pendingReminders: 0,
  askProfile: false,
};

/** The book as the server keeps it: save and remove change what list answers next. */
function serve(start: SavedAddress[], extra: (c: RecordedCall) => unknown = () => undefined) {
  let book = start;
  return fakeTransport((c) => {
    const answer = extra(c);
    if (answer !== undefined) return answer;
    const a = actionOf(c);
    if (a === 'address.list') return book;
    if (a === 'address.remove') {
      book = book.filter((x) => x.id !== c.payload.id);
      return { id: c.payload.id };
    }
    if (a === 'address.save') {
      const p = c.payload as { id?: string; address: Omit<SavedAddress, 'id' | 'isDefault'>; isDefault?: boolean };
      const id = p.id ?? '80';
      const others = book.filter((x) => x.id !== id).map((x) => (p.isDefault ? { ...x, isDefault: false } : x));
      book = [{ id, ...p.address, isDefault: !!p.isDefault || book.length === 0 }, ...others].sort((x, y) => Number(y.isDefault) - Number(x.isDefault));
      return { id };
    }
    throw new Error(`unexpected ${a}`);
  });
}

const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
const cards = () => [...document.querySelectorAll('.address-page__card[data-address]')].map((c) => c.getAttribute('data-address'));
const cardOf = (id: string) => document.querySelector<HTMLElement>(`.address-page__card[data-address="${id}"]`)!;

describe('收货地址', () => {
  it('shows a skeleton until the list answers, then the default first with its badge and the phone masked', async () => {
    const t = scriptedTransport();
    render(<AddressBookScreen />);
    expect(document.querySelector('.address-page .skeleton')).toBeTruthy();
    expect(document.querySelector('.address-page__add')).toBeNull();
    await t.answer(0, [HOME, OFFICE]);
    expect(cards()).toEqual(['71', '72']);
    expect(text('.address-page__card[data-address="71"] .address-card__who')).toBe('林小姐138****8000默认');
    expect(text('.address-page__card[data-address="72"] .address-card__where')).toBe('上海市 浦东新区 世纪大道 100 号');
    expect(cardOf('71').querySelector('.address-page__make-default')).toBeNull();
  });

  it('新增: the form saves a new address, offered as the default, and the list shows it', async () => {
    const calls = serve([HOME]);
    render(<AddressBookScreen />);
    await waitFor(() => expect(cards()).toEqual(['71']));
    fireEvent.click(document.querySelector('.address-page__add')!);
    expect(text('.dialog__title')).toBe('新增收货地址');
    fillAddress();
    fireEvent.click(document.querySelector('.address-editor__switch')!);
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(cards()).toEqual(['80', '71']));
    expect(calls.find((c) => actionOf(c) === 'address.save')!.payload).toEqual({
      action: 'save',
      address: { name: '小林', phone: '13812345678', region: '上海市 静安区', detail: '南京西路 1 号' },
      isDefault: true,
    });
    expect(document.querySelector('.dialog')).toBeNull();
  });

  it('a wrong phone is caught in the form; 编辑 sends the address with its id', async () => {
    const calls = serve([HOME, OFFICE]);
    render(<AddressBookScreen />);
    await waitFor(() => expect(cards()).toEqual(['71', '72']));
    fireEvent.click(cardOf('72').querySelector('.address-page__edit')!);
    expect(text('.dialog__title')).toBe('编辑收货地址');
    const detail = document.querySelector<HTMLInputElement>('.address-form__input--detail input, input.address-form__input--detail')!;
    expect(detail.value).toBe('世纪大道 100 号');
    fireEvent.input(document.querySelector('.address-form__input--phone input, input.address-form__input--phone')!, { target: { value: '1234' } });
    fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    expect(text('.dialog__error')).toBe('请填写 11 位手机号码');
    fireEvent.input(document.querySelector('.address-form__input--phone input, input.address-form__input--phone')!, { target: { value: '13900001111' } });
    fireEvent.input(detail, { target: { value: '世纪大道 100 号 9 楼' } });
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(document.querySelector('.dialog')).toBeNull());
    expect(calls.filter((c) => actionOf(c) === 'address.save').map((c) => c.payload)).toEqual([
      { action: 'save', id: '72', address: { name: '林小姐', phone: '13900001111', region: '上海市 浦东新区', detail: '世纪大道 100 号 9 楼' } },
    ]);
  });

  it('设为默认 and 删除 (asked first) change the book on the server', async () => {
    vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    const calls = serve([HOME, OFFICE]);
    render(<AddressBookScreen />);
    await waitFor(() => expect(cards()).toEqual(['71', '72']));
    await act(async () => {
      fireEvent.click(cardOf('72').querySelector('.address-page__make-default')!);
    });
    await waitFor(() => expect(cards()).toEqual(['72', '71']));
    expect(calls.find((c) => actionOf(c) === 'address.save')!.payload).toMatchObject({ id: '72', isDefault: true });

    fireEvent.click(cardOf('71').querySelector('.address-page__remove')!);
    expect(text('.dialog__body')).toBe('删除「林小姐 上海市 静安区 南京西路 1266 号」？已下的订单不受影响。');
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(cards()).toEqual(['72']));
    expect(calls.filter((c) => actionOf(c) === 'address.remove').map((c) => c.payload)).toEqual([{ action: 'remove', id: '71' }]);
  });

  it('an empty book says what it is for; a first address asks for the privacy consent, then is saved', async () => {
    let consented = false;
    const calls = serve([], (c) => {
      const a = actionOf(c);
      if (a === 'address.save' && !consented) return fail(403, 'CONSENT_REQUIRED', '请先阅读并同意隐私保护指引');
      if (a === 'member.profile') return PROFILE;
      if (a === 'member.update') {
        consented = true;
        return { ...PROFILE, consent: { version: '2026-11-01', at: '2026-11-25T19:00:00+08:00' } };
      }
      return undefined;
    });
    render(<AddressBookScreen />);
    await waitFor(() => expect(text('.address-page__msg')).toBe('还没有收货地址，添加一个，下单时就不用再填了'));
    fireEvent.click(document.querySelector('.address-page__add')!);
    expect(document.querySelector('.address-editor__switch')).toBeNull();
    fillAddress();
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(text('.dialog__title')).toBe('隐私保护指引'));
    expect(text('.dialog__body')).toContain('收货地址');
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(cards()).toEqual(['80']));
    expect(calls.map(actionOf)).toEqual(['address.list', 'address.save', 'member.profile', 'member.update', 'address.save', 'address.list']);
    expect(calls.find((c) => actionOf(c) === 'member.update')!.payload).toEqual({ action: 'update', consentVersion: '2026-11-01' });
  });
});
