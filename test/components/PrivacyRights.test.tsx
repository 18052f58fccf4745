/**
 * 个人资料's privacy rights: 导出我的数据 (a JSON file: H5 downloads it, the weapp writes it to
 * the user data folder and offers 复制) and 注销账号 (a confirmation that says what is erased
 * and what is kept, then the account is gone and the session over).
 */
import Taro from '@tarojs/taro';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MemberProfile, PersonalDataExport } from '@cloud/contract';
import DeleteAccountDialog from '@/components/DeleteAccountDialog';
import ExportSavedDialog from '@/components/ExportSavedDialog';
import ProfilePage from '@/packages/profile';
import { writeUserDataFile } from '@/services/privacy';
import { getToken } from '@/services/session';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { useSessionStore } from '@/stores/session';
import { actionOf, fail, fakeTransport } from './fake-transport';

const profile: MemberProfile = {
  id: '9',
  nickname: '小林',
  avatarUrl: null,
  role: 'member',
  pointsBalance: 120,
  tier: { key: 'normal', name: '普通会员' },
  joinedOn: '2026-11-01',
  birthday: '1990-05-04',
  consent: { version: '2026-11-01', at: '2026-11-01T10:00:00+08:00' },
  consentVersionRequired: '2026-11-01',
  pendingReminders: 0,
  askProfile: false,
};

const copy: PersonalDataExport = {
  exportedAt: '2026-11-22T20:06:00+08:00',
  profile: { id: '9', openid: 'wx-lin', nickname: '小林' },
  sections: { checkins: [{ day: '2026-11-20', points: 5 }], orders: [] },
};

beforeEach(() => {
  useMemberStore.getState().reset();
  useSessionStore.setState({ status: 'ready' });
  Taro.setStorageSync('session.token', 'token-of-lin');
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const text = () => document.body.textContent ?? '';
/** jsdom's Blob has no text(): read it as a browser would save it. */
const textOf = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
const confirm = () => document.querySelector<HTMLElement>('.dialog__button--confirm')!;
const cancel = () => document.querySelector<HTMLElement>('.dialog__button--cancel')!;

function serve(extra?: (action: string) => unknown) {
  return fakeTransport((c) => {
    const a = actionOf(c);
    const answer = extra?.(a);
    if (answer !== undefined) return answer;
    if (a === 'member.profile') return profile;
    if (a === 'member.exportData') return copy;
    if (a === 'member.deleteAccount') return { deletedAt: '2026-11-22T20:10:00+08:00' };
    throw new Error(`unexpected ${a}`);
  });
}

async function openPage() {
  render(<ProfilePage />);
  await waitFor(() => expect(document.querySelector('.profile-page__delete')).toBeTruthy());
}

describe('DeleteAccountDialog', () => {
  it('says what is erased, what is voided and what is kept, before 确认注销', () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(<DeleteAccountDialog onConfirm={onConfirm} onCancel={onCancel} />);
    for (const part of ['无法恢复', '头像、昵称、生日', '收货地址', '尚未发货的将不再发货', '微信身份标识', '优惠券和抽奖机会', '未支付的订单将被取消', '尚未发货的订单将全额退款', '已支付的订单', '不再含有能识别你的信息', '全新的会员']) {
      expect(text()).toContain(part);
    }
    expect([confirm().textContent, cancel().textContent]).toEqual(['确认注销', '再想想']);
    fireEvent.click(cancel());
    expect([onConfirm.mock.calls.length, onCancel.mock.calls.length]).toEqual([0, 1]);
    fireEvent.click(confirm());
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
});

describe('注销账号 on the profile page', () => {
  it('asks first; 再想想 sends nothing', async () => {
    const calls = serve();
    await openPage();
    fireEvent.click(document.querySelector<HTMLElement>('.profile-page__delete')!);
    expect(document.querySelector('.dialog')!.textContent).toContain('将保留');
    fireEvent.click(cancel());
    expect(document.querySelector('.dialog')).toBeNull();
    expect(calls.map(actionOf)).toEqual(['member.profile']);
  });

  it('确认注销 erases the account with {confirm: true}, signs out, and says the account is gone', async () => {
    const calls = serve();
    await openPage();
    fireEvent.click(document.querySelector<HTMLElement>('.profile-page__delete')!);
    await act(async () => {
      fireEvent.click(confirm());
    });
    await waitFor(() => expect(text()).toContain('账号已注销'));
    expect(calls.find((c) => actionOf(c) === 'member.deleteAccount')!.payload).toEqual({ action: 'deleteAccount', confirm: true });
    expect(getToken()).toBeNull();
    expect(useSessionStore.getState()).toMatchObject({ status: 'idle', member: null });
    expect(useMemberStore.getState().profile).toBeNull();
    expect(document.querySelector('.profile-page__input')).toBeNull();
    expect(document.querySelector('.profile-page__primary')!.textContent).toBe('返回首页');
  });

  it('a refusal stays in the dialog, and the member stays signed in', async () => {
    serve((a) => (a === 'member.deleteAccount' ? fail(409, 'ORDER_BUSY', '订单支付状态确认中，请稍后再试') : undefined));
    await openPage();
    fireEvent.click(document.querySelector<HTMLElement>('.profile-page__delete')!);
    await act(async () => {
      fireEvent.click(confirm());
    });
    await waitFor(() => expect(document.querySelector('.dialog__error')?.textContent).toBe('订单支付状态确认中，请稍后再试'));
    expect(getToken()).toBe('token-of-lin');
    expect(text()).not.toContain('账号已注销');
  });
});

describe('导出我的数据', () => {
  it('H5: downloads the copy as a JSON file named by its day', async () => {
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:export-1';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: Array<{ href: string; download: string }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    const calls = serve();
    await openPage();
    // Available with or without consent, like 注销账号.
    expect(document.querySelector('.profile-page__export')!.textContent).toContain('导出我的数据');
    await act(async () => {
      fireEvent.click(document.querySelector<HTMLElement>('.profile-page__export')!);
    });
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(calls.map(actionOf)).toContain('member.exportData');
    expect(clicked[0]).toEqual({ href: 'blob:export-1', download: 'member-data-2026-11-22.json' });
    expect(blobs[0]!.type).toBe('application/json;charset=utf-8');
    expect(JSON.parse(await textOf(blobs[0]!))).toEqual(copy);
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已下载 member-data-2026-11-22.json' }));
  });

  it('weapp: writes the text to the user data folder as UTF-8', async () => {
    const written: Array<{ filePath: string; data: string; encoding: string }> = [];
    const env = Taro.env as Record<string, string>;
    env.USER_DATA_PATH = 'wxfile://usr';
    vi.spyOn(Taro, 'getFileSystemManager').mockReturnValue({
      writeFile(options: { filePath: string; data: string; encoding: string; success(): void }) {
        written.push({ filePath: options.filePath, data: options.data, encoding: options.encoding });
        options.success();
      },
    } as never);
    expect(await writeUserDataFile('{"a":1}', 'member-data-2026-11-22.json')).toBe('wxfile://usr/member-data-2026-11-22.json');
    expect(written).toEqual([{ filePath: 'wxfile://usr/member-data-2026-11-22.json', data: '{"a":1}', encoding: 'utf8' }]);
  });

  it('weapp: says where the file is, that WeChat cannot open it, and offers 复制', () => {
    const onCopy = vi.fn();
    const onClose = vi.fn();
    render(<ExportSavedDialog filePath='wxfile://usr/member-data-2026-11-22.json' onCopy={onCopy} onClose={onClose} />);
    expect(text()).toContain('wxfile://usr/member-data-2026-11-22.json');
    expect(text()).toContain('无法直接打开');
    expect([confirm().textContent, cancel().textContent]).toEqual(['复制', '关闭']);
    fireEvent.click(confirm());
    expect(onCopy).toHaveBeenCalledTimes(1);
  });
});
