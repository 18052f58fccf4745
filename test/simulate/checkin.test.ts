// @vitest-environment jsdom
/**
 * The check-in page of the real weapp build (dist/weapp), run by miniprogram-simulate with
 * WeChat's official WXML compiler: it signs in with wx.login through the real server (which
 * asks a stand-in of WeChat's code2Session), shows today's state, and checks in on a tap.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkinPointsNow } from '../support/fixtures';
import { openPage, tap, textOf, waitFor, type WeappEnv } from './weapp-runtime';

const OPENID = `sim-member-${Date.now().toString(36)}`;
/** A check-in's points today (doubled on 周三会员日). */
const POINTS = checkinPointsNow();

let env: WeappEnv & { detach(): void };

function button(): HTMLElement | null {
  return env.page().dom.querySelector<HTMLElement>('[class*="checkin-card__button"]');
}

describe('weapp build: 签到 page', () => {
  beforeAll(async () => {
    env = await openPage('pages/checkin/index', { serverUrl: inject('simulateServerUrl'), openid: OPENID });
  });

  afterAll(() => env?.detach());

  it('signs in through wx.login and shows a new member today’s state and the calendar', async () => {
    await waitFor('the calendar', () => env.page().dom.querySelector('[class*="calendar__cell--today"]'));
    expect(env.requests.map((r) => `${r.method} ${r.url} ${r.status}`)).toContain('POST /api/auth/login 200');
    expect(typeof env.storage.get('session.token')).toBe('string');
    const text = textOf(env);
    expect(text).toContain('连续签到 0 天');
    expect(text).toContain(`今日签到可得 ${POINTS} 积分`);
    expect(text).toContain('再签 7 天得 50 积分');
    // Built without TARO_APP_REMINDER_TEMPLATE_ID: no 明天提醒我 in weapp.
    expect(text).not.toContain('明天提醒我');
    expect(button()?.textContent?.trim()).toBe('签到');
  });

  it('tapping 签到 checks in: the points gained, 今日已签到, the streak and today marked checked', async () => {
    tap(button()!);
    await waitFor('the checked-in state', () => textOf(env).includes('今日已签到'));
    await waitFor('the calendar to mark today', () =>
      env.page().dom.querySelector('[class*="calendar__cell--checked"]'),
    );
    const text = textOf(env);
    expect(text).toContain(`签到成功 +${POINTS} 积分`);
    expect(text).toContain('连续签到 1 天');
    expect(text).toContain('获得 1 次抽奖机会');
    expect(button()?.textContent?.trim()).toBe('今日已签到');
    expect(env.toasts).toContain(`签到成功 +${POINTS} 积分`);
    expect(env.requests.filter((r) => r.url === '/api/fn/checkin' && r.method === 'POST').length).toBeGreaterThanOrEqual(2);
  });

  it('the server recorded it: the balance is what the check-in gave', async () => {
    const res = await fetch(`${inject('simulateServerUrl')}/api/fn/points`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${env.storage.get('session.token')}` },
      body: JSON.stringify({ action: 'balance' }),
    });
    expect(await res.json()).toMatchObject({ ok: true, data: { balance: POINTS } });
  });
});
