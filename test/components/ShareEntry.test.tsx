/**
 * Opening the app from a share: the H5 URL (hash router) or WeChat's options give the share id
 * (and in H5 development a simulated group); share.open is called once per share and session,
 * after sign-in; a product share shows the product page, a welcome coupon is announced in the
 * app's own dialog on the page on screen (SessionGate), and leads to the wallet.
 */
import Taro from '@tarojs/taro';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShareOpened } from '@cloud/contract';
import SessionGate from '@/components/SessionGate';
import { entryFromOptions, entryFromUrl, openShare, openShareFromEntry } from '@/services/share-entry';
import { setTransport } from '@/services/transports';
import { useSessionStore } from '@/stores/session';
import { useWelcomeStore, welcomeFriend } from '@/stores/welcome';
import { actionOf, fail, fakeTransport, type RecordedCall } from './fake-transport';
import { coupon } from './lottery-fixtures';

const productShare = (shareId: string, productId = '3'): ShareOpened => ({
  shareId,
  kind: 'product',
  productId,
  sharer: { nickname: '王姐', isGuide: true },
  groupId: null,
  welcome: null,
});

const inviteShare = (shareId: string, welcome: ShareOpened['welcome']): ShareOpened => ({
  shareId,
  kind: 'invite',
  productId: null,
  sharer: { nickname: '小林', isGuide: false },
  groupId: null,
  welcome,
});

const spyNavigate = () => vi.spyOn(Taro, 'navigateTo').mockResolvedValue(undefined as never);
let navigate: ReturnType<typeof spyNavigate>;
beforeEach(() => {
  navigate = spyNavigate();
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
  useWelcomeStore.setState({ coupon: null });
  window.history.replaceState(null, '', '/');
});

function serve(answer: (c: RecordedCall) => ShareOpened) {
  return fakeTransport((c) => {
    if (actionOf(c) !== 'share.open') throw new Error(`unexpected ${actionOf(c)}`);
    return answer(c);
  });
}

const opens = (calls: RecordedCall[]) => calls.filter((c) => actionOf(c) === 'share.open');
const decodeGroup = (encrypted: string) => JSON.parse(Buffer.from(encrypted, 'base64').toString('utf8')) as unknown;

describe('opening a share', () => {
  it('an H5 link with share and gid opens the share once, in that group, and shows the product', async () => {
    window.history.replaceState(null, '', '/#/pages/home/index?share=Kx7pQ2mZ&gid=wx-group-a&as=demo-member');
    const calls = serve((c) => productShare(c.payload.shareId as string));
    openShareFromEntry();
    await vi.waitFor(() => expect(navigate).toHaveBeenCalled());
    expect(opens(calls)).toHaveLength(1);
    const payload = opens(calls)[0]!.payload as { groupData: { encryptedData: string; iv: string } };
    expect(payload).toEqual({ action: 'open', shareId: 'Kx7pQ2mZ', scene: 1044, groupData: { encryptedData: expect.any(String), iv: 'local' } });
    expect(decodeGroup(payload.groupData.encryptedData)).toEqual({ openGId: 'wx-group-a' });
    expect(navigate.mock.calls.map((c) => c[0].url)).toEqual(['/packages/shop/product/index?id=3']);

    // Shown again (the tab comes back into view): the same share is not counted twice.
    openShareFromEntry();
    await new Promise((r) => setTimeout(r, 20));
    expect(opens(calls)).toHaveLength(1);
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('a link straight to the shared product opens the share without a group and stays on the page', async () => {
    window.history.replaceState(null, '', '/#/packages/shop/product/index?id=3&share=Pr0duct3');
    const calls = serve((c) => productShare(c.payload.shareId as string));
    const opened = await openShare(entryFromUrl(window.location.href)!);
    expect(opened?.productId).toBe('3');
    expect(opens(calls).map((c) => c.payload)).toEqual([{ action: 'open', shareId: 'Pr0duct3' }]);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('group data the server cannot read still counts the click, without the group', async () => {
    const calls = fakeTransport((c) =>
      c.payload.groupData ? fail(400, 'GROUP_DATA_INVALID', '群信息无法识别，请从群聊重新打开') : productShare(c.payload.shareId as string),
    );
    const opened = await openShare(entryFromUrl('http://localhost/#/pages/home/index?share=Gr0upStale&gid=wx-group-b')!);
    expect(opened?.shareId).toBe('Gr0upStale');
    expect(opens(calls).map((c) => Boolean(c.payload.groupData))).toEqual([true, false]);
  });

  it('a URL without a share asks nothing', async () => {
    window.history.replaceState(null, '', '/#/pages/home/index?as=demo-member');
    const calls = serve(() => productShare('x'));
    openShareFromEntry();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(0);
  });

  it('a new friend of an invite is told in the app’s dialog that the welcome coupon is in the wallet, and can go there', async () => {
    window.history.replaceState(null, '', '/#/pages/home/index?share=Inv1te01');
    const modal = vi.spyOn(Taro, 'showModal');
    serve((c) => inviteShare(c.payload.shareId as string, { coupon: coupon({ name: '新人礼券' }) }));
    useSessionStore.setState({ status: 'ready' });
    render(
      <SessionGate>
        <div className='page-content' />
      </SessionGate>,
    );
    expect(document.querySelector('.dialog')).toBeNull();
    await act(async () => {
      welcomeFriend(await openShareFromEntry());
    });
    // The app's own Dialog (not the platform's modal), over the page on screen.
    expect(modal).not.toHaveBeenCalled();
    const dialog = document.querySelector('.dialog__panel')!;
    expect(dialog.getAttribute('aria-label')).toBe('新人礼券已放入卡包');
    expect(dialog.querySelector('.welcome-dialog__value')!.textContent).toBe('¥20');
    expect(dialog.querySelector('.welcome-dialog__name')!.textContent).toBe('新人礼券 · 满¥100可用');
    expect(dialog.querySelector('.welcome-dialog__validity')!.textContent).toMatch(/^有效期至 \d{4}-\d{2}-\d{2}$/);
    expect([...dialog.querySelectorAll('.dialog__button')].map((b) => b.textContent)).toEqual(['知道了', '去卡包']);

    fireEvent.click(screen.getByText('去卡包'));
    expect(navigate.mock.calls.map((c) => c[0].url)).toEqual(['/packages/wallet/index']);
    expect(document.querySelector('.dialog')).toBeNull();
    expect(document.querySelector('.page-content')).toBeTruthy();
  });

  it('知道了 closes the welcome and goes nowhere', async () => {
    useSessionStore.setState({ status: 'ready' });
    welcomeFriend(inviteShare('Inv1te04', { coupon: coupon({ name: '新人礼券' }) }));
    render(<SessionGate>{null}</SessionGate>);
    fireEvent.click(screen.getByText('知道了'));
    expect(document.querySelector('.dialog')).toBeNull();
    expect(useWelcomeStore.getState().coupon).toBeNull();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('a new friend when the brand gives no welcome coupon is greeted with a toast', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue(undefined as never);
    serve((c) => inviteShare(c.payload.shareId as string, { coupon: null }));
    welcomeFriend(await openShare(entryFromUrl('http://localhost/#/pages/home/index?share=Inv1te03')!));
    expect(toast.mock.calls.map((c) => (c[0] as { title: string }).title)).toEqual(['欢迎加入，已接受好友的邀请']);
    expect(useWelcomeStore.getState().coupon).toBeNull();
  });

  it('an invite without a welcome (an existing member) shows nothing and goes nowhere', async () => {
    const toast = vi.spyOn(Taro, 'showToast');
    serve((c) => inviteShare(c.payload.shareId as string, null));
    welcomeFriend(await openShare(entryFromUrl('http://localhost/#/pages/home/index?share=Inv1te02')!));
    expect(useWelcomeStore.getState().coupon).toBeNull();
    expect(toast).not.toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('waits until the member is signed in (a demo identity picked) before telling the server', async () => {
    const calls = serve((c) => inviteShare(c.payload.shareId as string, null));
    const before = useSessionStore.getState();
    useSessionStore.setState({ status: 'needs-identity', ensure: async () => undefined });
    try {
      const done = openShare(entryFromUrl('http://localhost/#/pages/home/index?share=Wait1ng1')!);
      await new Promise((r) => setTimeout(r, 20));
      expect(calls).toHaveLength(0);
      useSessionStore.setState({ status: 'ready' });
      await done;
      expect(opens(calls).map((c) => c.payload.shareId)).toEqual(['Wait1ng1']);
    } finally {
      useSessionStore.setState({ status: before.status, ensure: before.ensure });
    }
  });

  it('reads the share from the search part too, and from WeChat options (query share, or a poster code’s scene)', () => {
    expect(entryFromUrl('http://localhost/?share=Srch0001#/pages/home/index')).toMatchObject({ shareId: 'Srch0001', path: 'pages/home/index' });
    expect(entryFromUrl('http://localhost/#/pages/home/index')).toBeNull();
    expect(entryFromOptions({ path: 'packages/shop/product/index', query: { id: '3', share: 'Card0001' }, scene: 1044 })).toEqual({
      shareId: 'Card0001',
      scene: 1044,
      path: 'packages/shop/product/index',
      query: { id: '3', share: 'Card0001' },
    });
    expect(entryFromOptions({ path: 'pages/home/index', query: { scene: encodeURIComponent('Pstr0001') }, scene: 1047 })).toMatchObject({
      shareId: 'Pstr0001',
      scene: 1047,
    });
    expect(entryFromOptions({ path: 'pages/home/index', query: {}, scene: 1001 })).toBeNull();
  });
});
