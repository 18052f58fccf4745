/**
 * 疯狂抽奖机: the highlight stops on the cell of the position the server answered (the
 * animation decides nothing), a double tap draws once, and on the lottery screen a retry
 * after a lost answer sends the same requestId while a new tap sends a new one.
 */
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DrawResult } from '@cloud/contract';
import LotteryMachine from '@/components/LotteryMachine';
import { LotteryScreen } from '@/packages/lottery';
import { setTransport } from '@/services/transports';
import { useMemberStore } from '@/stores/member';
import { actionOf, fail, fakeTransport } from './fake-transport';
import { campaign, drawResult, fillAddress, fillPhone, PRIZES } from './lottery-fixtures';

afterEach(() => {
  cleanup();
  setTransport(null);
});

beforeEach(() => {
  useMemberStore.getState().reset();
});

const button = () => document.querySelector<HTMLElement>('.lottery-machine__button')!;
const active = () => document.querySelectorAll<HTMLElement>('.lottery-machine__cell--active');

describe('LotteryMachine', () => {
  it('lays out eight prizes around the 抽奖 button, clockwise by position', () => {
    render(<LotteryMachine prizes={[...PRIZES].reverse()} buttonText='抽奖' onDraw={async () => null} onStop={() => undefined} />);
    const cells = [...document.querySelectorAll<HTMLElement>('.lottery-machine__cell')];
    expect(cells.map((c) => c.dataset.position)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    // Grid slots (row-major 3×3): 0 1 2 / 7 [抽奖] 3 / 6 5 4.
    expect(cells.map((c) => c.style.order)).toEqual(['0', '1', '2', '5', '8', '7', '6', '3']);
    expect(button().style.order).toBe('4');
    expect(button().textContent).toContain('抽奖');
  });

  it('shows each prize’s picture above its name, and a letter where a prize has none', () => {
    const pictured = PRIZES.map((p) => (p.kind === 'goods' ? { ...p, imageUrl: `/catalog-images/goods-${p.position}.svg` } : p));
    render(<LotteryMachine prizes={pictured} buttonText='抽奖' onDraw={async () => null} onStop={() => undefined} />);
    const cell = (position: number) => document.querySelector<HTMLElement>(`.lottery-machine__cell[data-position="${position}"]`)!;
    expect(cell(4).querySelector('img')!.getAttribute('src')).toBe('/catalog-images/goods-4.svg');
    expect(cell(4).querySelector('.lottery-machine__icon')).toBeNull();
    expect(cell(4).querySelector('.lottery-machine__name')!.textContent).toBe('新款针织开衫');
    expect(cell(0).querySelector('img')).toBeNull();
    expect(cell(0).querySelector('.lottery-machine__icon')!.textContent).toBe('券');
  });

  for (const position of [0, 3, 4, 7]) {
    it(`stops on the server's position ${position}, whatever the animation did`, async () => {
      const onStop = vi.fn();
      render(
        <LotteryMachine
          prizes={PRIZES}
          buttonText='抽奖'
          stepMs={1}
          onDraw={async () => drawResult(position)}
          onStop={onStop}
        />,
      );
      await act(async () => {
        fireEvent.click(button());
      });
      await waitFor(() => expect(onStop).toHaveBeenCalledTimes(1));
      expect(onStop.mock.calls[0]![0].prize.position).toBe(position);
      expect(active()).toHaveLength(1);
      expect(active()[0]!.dataset.position).toBe(String(position));
    });
  }

  it('a second draw starts from where the first stopped and still lands on the server position', async () => {
    const answers = [drawResult(5), drawResult(2)];
    const onStop = vi.fn();
    render(<LotteryMachine prizes={PRIZES} buttonText='抽奖' stepMs={1} onDraw={async () => answers.shift()!} onStop={onStop} />);
    for (const expected of ['5', '2']) {
      await act(async () => {
        fireEvent.click(button());
      });
      await waitFor(() => expect(onStop).toHaveBeenCalledTimes(expected === '5' ? 1 : 2));
      expect(active()[0]!.dataset.position).toBe(expected);
    }
  });

  it('a double (or triple) tap calls draw once', async () => {
    let release!: (r: DrawResult) => void;
    const onDraw = vi.fn(() => new Promise<DrawResult>((resolve) => (release = resolve)));
    const onStop = vi.fn();
    render(<LotteryMachine prizes={PRIZES} buttonText='抽奖' stepMs={1} onDraw={onDraw} onStop={onStop} />);
    fireEvent.click(button());
    fireEvent.click(button());
    fireEvent.click(button());
    expect(onDraw).toHaveBeenCalledTimes(1);
    expect(button().textContent).toContain('抽奖中');
    await act(async () => release(drawResult(1)));
    // Taps while the highlight runs draw nothing either.
    fireEvent.click(button());
    await waitFor(() => expect(onStop).toHaveBeenCalledTimes(1));
    expect(onDraw).toHaveBeenCalledTimes(1);
  });

  it('disabled: a tap draws nothing; a failed draw (null) leaves no highlight', async () => {
    const onDraw = vi.fn(async () => null);
    const { rerender } = render(<LotteryMachine prizes={PRIZES} disabled buttonText='抽奖' onDraw={onDraw} onStop={() => undefined} />);
    fireEvent.click(button());
    expect(onDraw).not.toHaveBeenCalled();
    rerender(<LotteryMachine prizes={PRIZES} buttonText='抽奖' onDraw={onDraw} onStop={() => undefined} />);
    await act(async () => {
      fireEvent.click(button());
    });
    expect(onDraw).toHaveBeenCalledTimes(1);
    expect(active()).toHaveLength(0);
    expect(button().textContent).toBe('抽奖');
  });
});

describe('the lottery screen', () => {
  function serve(handler: (action: string, payload: Record<string, unknown>) => unknown) {
    return fakeTransport((c) => {
      const a = actionOf(c);
      const answer = handler(a, c.payload);
      if (answer !== undefined) return answer;
      if (a === 'lottery.current') return campaign();
      if (a === 'lottery.awards') return { items: [], nextCursor: null };
      if (a === 'points.balance') return { balance: 800, expiring: null };
      throw new Error(`unexpected ${a}`);
    });
  }

  it('draws with the campaign id and a requestId, stops on the answer and shows the coupon with 去卡包', async () => {
    // The server's numbers before and after one draw: 40 chances, 3 draws a day.
    let drawn = 0;
    const calls = serve((a) => {
      if (a === 'lottery.current') return campaign({ myChances: 40 - drawn, myDrawsToday: drawn, myDrawsLeftToday: 3 - drawn });
      if (a === 'lottery.draw') {
        drawn++;
        return drawResult(0, { chancesLeft: 39 });
      }
      return undefined;
    });
    render(<LotteryScreen stepMs={1} />);
    await waitFor(() => expect(document.querySelector('.lottery-page__chances')?.textContent).toBe('今日还可抽 3 次（已抽 0/3），抽奖机会共 40 次'));
    expect(document.querySelector('.lottery-machine')!.textContent).toContain('今日还可抽 3 次');
    await act(async () => {
      fireEvent.click(button());
    });
    await waitFor(() => expect(document.querySelector('.award-dialog')).toBeTruthy());
    const draw = calls.find((c) => actionOf(c) === 'lottery.draw')!;
    expect(draw.payload).toEqual({ action: 'draw', campaignId: '1', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(active()[0]!.dataset.position).toBe('0');
    const dialog = document.querySelector('.award-dialog')!.textContent!;
    expect(dialog).toContain('恭喜获得 满100减20券');
    expect(dialog).toContain('¥20');
    expect(dialog).toContain('去卡包');
    await waitFor(() => expect(document.querySelector('.lottery-page__chances')!.textContent).toBe('今日还可抽 2 次（已抽 1/3），抽奖机会共 39 次'));
  });

  it('goods: 填写收货地址 checks the phone, then sends lottery.setAddress', async () => {
    const goods = drawResult(6);
    const calls = serve((a, p) => {
      if (a === 'lottery.draw') return goods;
      if (a === 'lottery.setAddress') return { ...goods.award!, fulfilment: 'to_ship', address: p.address };
      return undefined;
    });
    render(<LotteryScreen stepMs={1} />);
    await waitFor(() => expect(button()).toBeTruthy());
    await act(async () => {
      fireEvent.click(button());
    });
    await waitFor(() => expect(document.querySelector('.award-dialog__button--primary')?.textContent).toBe('填写收货地址'));
    fireEvent.click(document.querySelector('.award-dialog__button--primary')!);
    expect(document.querySelector('.address-form__item')!.textContent).toBe(`奖品：${goods.prize.name}`);
    fillAddress('1381234');
    fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    expect(document.querySelector('.dialog__error')!.textContent).toBe('请填写 11 位手机号码');
    expect(calls.map(actionOf)).not.toContain('lottery.setAddress');
    fillPhone('13812345678');
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(document.querySelector('.address-form')).toBeNull());
    expect(calls.find((c) => actionOf(c) === 'lottery.setAddress')!.payload).toEqual({
      action: 'setAddress',
      awardId: '31',
      address: { name: '小林', phone: '13812345678', region: '上海市 静安区', detail: '南京西路 1 号' },
    });
  });

  it('a lost answer is retried with the same requestId; the next tap is a new intent', async () => {
    let n = 0;
    const calls = serve((a) => {
      if (a !== 'lottery.draw') return undefined;
      n++;
      return n === 1 ? fail(500, 'INTERNAL', '系统繁忙，请稍后再试') : drawResult(7);
    });
    render(<LotteryScreen stepMs={1} />);
    await waitFor(() => expect(button()).toBeTruthy());
    for (let i = 0; i < 3; i++) {
      await act(async () => {
        fireEvent.click(button());
      });
      await waitFor(() => expect(document.querySelector('.lottery-machine')!.getAttribute('data-phase')).toBe('idle'));
      document.querySelector<HTMLElement>('.award-dialog__button--close')?.click();
    }
    const ids = calls.filter((c) => actionOf(c) === 'lottery.draw').map((c) => c.payload.requestId);
    expect(ids).toHaveLength(3);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[1]);
  });

  it('no chance left: 用 50 积分抽一次 asks first, then draws with payWithPoints', async () => {
    const calls = serve((a) => {
      if (a === 'lottery.current') return campaign({ myChances: 0 });
      if (a === 'lottery.draw') return drawResult(1, { chancesLeft: 0, balance: 760 });
      return undefined;
    });
    render(<LotteryScreen stepMs={1} />);
    await waitFor(() => expect(button().textContent).toContain('用 50 积分抽一次'));
    expect(document.querySelector('.lottery-page__chances')!.textContent).toBe('今日还可抽 3 次（已抽 0/3），抽奖机会共 0 次');
    await act(async () => {
      fireEvent.click(button());
    });
    expect(document.querySelector('.dialog')!.textContent).toContain('确认用 50 积分抽一次');
    // 取消: nothing drawn.
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--cancel')!);
    });
    expect(calls.map(actionOf)).not.toContain('lottery.draw');
    await act(async () => {
      fireEvent.click(button());
    });
    await act(async () => {
      fireEvent.click(document.querySelector('.dialog__button--confirm')!);
    });
    await waitFor(() => expect(document.querySelector('.award-dialog')).toBeTruthy());
    expect(calls.find((c) => actionOf(c) === 'lottery.draw')!.payload).toMatchObject({ payWithPoints: true, campaignId: '1' });
    expect(document.querySelector('.award-dialog')!.textContent).toContain('+10 积分');
  });

  it('no chance and no points draw: the button is disabled; no campaign: says so', async () => {
    serve((a) => (a === 'lottery.current' ? campaign({ myChances: 0, pointsPerExtraDraw: null }) : undefined));
    const { unmount } = render(<LotteryScreen stepMs={1} />);
    await waitFor(() => expect(button().className).toContain('lottery-machine__button--disabled'));
    unmount();
    serve((a) => (a === 'lottery.current' ? null : undefined));
    render(<LotteryScreen stepMs={1} />);
    await waitFor(() => expect(document.body.textContent).toContain('暂无进行中的抽奖活动'));
  });
});
