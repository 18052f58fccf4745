/**
 * 数据 (admin subpackage): blocks until admin.kpis answers for 今天, then each section's figures
 * with their change against the previous period (none when that period had nothing), today
 * marked live; 昨天 / 7 天 / 30 天 ask again for that period; the retention table shaded by
 * value; charts drawn with their days and series (uCharts itself, on a canvas that records what
 * it is told to draw: jsdom draws nothing), an empty chart said in words, and one that cannot
 * draw; a failed load retries.
 * The mapping from admin.kpis to each chart's data is checked as plain functions too.
 */
import { cleanup, fireEvent, getByText, render, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { axisMax, isEmptyChart } from '@/packages/admin/components/Chart';
import { AdminDataScreen } from '@/packages/admin/data';
import { checkinRateChart, dayTick, gmvChart, newMembersChart, sourcesChart, streaksChart } from '@/packages/admin/data/kpi-charts';
import { setTransport } from '@/services/transports';
import { fail, fakeTransport, scriptedTransport } from './fake-transport';
import { adminKpis } from './kpis-fixtures';

/** Texts the charts were told to draw (fillText), across every canvas of the page. */
let drawnTexts: string[] = [];

/** A 2d context that records fillText and does nothing else; measureText gives a width per character. */
function recordingContext(): CanvasRenderingContext2D {
  const own: Record<string | symbol, unknown> = {
    measureText: (text: string) => ({ width: String(text).length * 6 }),
    fillText: (text: string) => drawnTexts.push(String(text)),
    createLinearGradient: () => ({ addColorStop() {} }),
  };
  return new Proxy(own, {
    // Old-style setters (setFontSize …) absent, so uCharts installs its canvas-2d ones.
    get: (target, key) => (key in target ? target[key] : typeof key === 'string' && (key.startsWith('set') || key === 'draw') ? undefined : () => undefined),
  }) as unknown as CanvasRenderingContext2D;
}

beforeEach(() => {
  drawnTexts = [];
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(() => recordingContext() as never);
  // jsdom lays nothing out: the canvas gets the size a phone would give it.
  vi.spyOn(HTMLCanvasElement.prototype, 'clientWidth', 'get').mockReturnValue(320);
  vi.spyOn(HTMLCanvasElement.prototype, 'clientHeight', 'get').mockReturnValue(210);
});
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.restoreAllMocks();
});

const figure = (key: string) => document.querySelector(`[data-figure="${key}"]`);
const figureText = (key: string) => ({
  value: figure(key)?.querySelector('.admin-data__figure-value')?.textContent,
  change: figure(key)?.querySelector('.admin-data__figure-change')?.textContent ?? null,
  direction: figure(key)?.querySelector('.admin-data__figure-change')?.className.match(/--(up|down|flat)/)?.[1] ?? null,
});

describe('数据', () => {
  it('blocks until 今天 answers, then figures with their change against yesterday, today marked live', async () => {
    const t = scriptedTransport();
    render(<AdminDataScreen />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[0]!.payload).toEqual({ action: 'kpis', period: 'today' });
    expect(document.querySelectorAll('.admin-data .skeleton').length).toBeGreaterThan(0);
    expect(document.querySelector('[data-figure]')).toBeNull();
    await t.answer(0, adminKpis());

    await waitFor(() => expect(figure('newMembers')).not.toBeNull());
    expect(document.querySelector('.admin-data__span')!.textContent).toBe('11月24日');
    expect(document.querySelector('.admin-data__live')!.textContent).toBe('实时');
    expect(document.querySelector('.admin-data__computed')!.textContent).toBe('更新于 10:05');
    expect(document.querySelector('.admin-data__coverage-note')!.textContent).toBe('对比 11月23日 · 已汇总 1 天 · 实时计算 11月24日');
    expect(figureText('newMembers')).toEqual({ value: '12', change: '较昨天 ▲ 50%', direction: 'up' });
    expect(figureText('dau')).toEqual({ value: '240', change: '较昨天 ▼ 20%', direction: 'down' });
    expect(figureText('mau')).toEqual({ value: '980', change: '较昨天 持平', direction: 'flat' });
    expect(figureText('checkinRate')).toEqual({ value: '62.5%', change: '较昨天 ▲ 25%', direction: 'up' });
    expect(figureText('gmvFen')).toEqual({ value: '¥4980', change: '较昨天 ▲ 24.5%', direction: 'up' });
    expect(figureText('aovFen').value).toBe('¥199.20');
    // Nothing yesterday (0) or not known (null): no change shown, not +∞ nor 0 %.
    expect(figureText('checkins')).toEqual({ value: '150', change: null, direction: null });
    expect(figureText('makeups')).toEqual({ value: '3', change: null, direction: null });
    expect(figureText('conversion')).toEqual({ value: '40%', change: null, direction: null });
    expect(document.querySelectorAll('[data-figure]')).toHaveLength(25);

    expect(document.querySelector('[data-fact="liability"] .admin-data__fact-value')!.textContent).toBe('88000 积分 · ¥880');
    expect(document.querySelector('[data-fact="expiring"]')!.textContent).toBe('2026年12月到期3000 积分 · ¥30');
    expect(document.querySelector('.admin-data__member-day')!.textContent).toBe('会员日（周三）日均 ¥1200，周一、周二日均 ¥600提升 +100%10月26日 – 11月24日 · 4 个会员日，9 个对比日');
    expect([...document.querySelectorAll('[data-row="g1"] .admin-data__td, [data-row="g2"] .admin-data__td')].map((c) => c.textContent)).toEqual([
      '1', '王姐', '12', '40', '5', '¥995', '12.5%',
      '2', '微信用户', '3', '0', '0', '¥0', '—',
    ]);
    // Groups ranked three ways; by conversion none has the clicks yet.
    fireEvent.click(document.querySelector('[data-rank="byClicks"]')!);
    expect([...document.querySelectorAll('.admin-data__groups [data-row] .admin-data__td--name')].map((c) => c.textContent)).toEqual(['未命名群', '宝妈群']);
    fireEvent.click(document.querySelector('[data-rank="byConversion"]')!);
    expect(document.querySelector('.admin-data__groups .admin-data__table-empty')!.textContent).toBe('没有点击满 10 次的社群');
  });

  it('昨天, 7 天 and 30 天 ask admin.kpis for that period and compare with the one before', async () => {
    const t = scriptedTransport();
    render(<AdminDataScreen />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, adminKpis());
    await waitFor(() => expect(figure('newMembers')).not.toBeNull());

    fireEvent.click(document.querySelector('[data-period="yesterday"]')!);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[1]!.payload).toEqual({ action: 'kpis', period: 'yesterday' });
    expect(document.querySelector('[data-figure]')).toBeNull();
    expect(document.querySelector('.admin-data__chip--on')!.textContent).toBe('昨天');
    await t.answer(
      0,
      adminKpis({
        period: { key: 'yesterday', from: '2026-11-23', to: '2026-11-23', days: 1, previous: { from: '2026-11-22', to: '2026-11-22' } },
        coverage: { rolledUp: 2, live: [], missing: [] },
      }),
    );
    await waitFor(() => expect(figureText('newMembers').change).toBe('较前一天 ▲ 50%'));
    expect(document.querySelector('.admin-data__live')).toBeNull();

    fireEvent.click(document.querySelector('[data-period="7d"]')!);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[2]!.payload).toEqual({ action: 'kpis', period: '7d' });
    await t.answer(
      0,
      adminKpis({
        period: { key: '7d', from: '2026-11-18', to: '2026-11-24', days: 7, previous: { from: '2026-11-11', to: '2026-11-17' } },
        coverage: { rolledUp: 12, live: ['2026-11-24'], missing: ['2026-11-11', '2026-11-12'] },
      }),
    );
    await waitFor(() => expect(figureText('newMembers').change).toBe('较前 7 天 ▲ 50%'));
    expect(document.querySelector('.admin-data__span')!.textContent).toBe('11月18日 – 11月24日');
    expect(document.querySelector('.admin-data__missing')!.textContent).toBe('2 天未汇总（11月11日、11月12日），不计入数字与对比');

    fireEvent.click(document.querySelector('[data-period="30d"]')!);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[3]!.payload).toEqual({ action: 'kpis', period: '30d' });
  });

  it('自定义: a start and an end day from the date pickers ask for that range', async () => {
    const t = scriptedTransport();
    render(<AdminDataScreen />);
    await waitFor(() => expect(t.pending).toHaveLength(1));
    await t.answer(0, adminKpis());
    await waitFor(() => expect(figure('newMembers')).not.toBeNull());

    fireEvent.click(document.querySelector('[data-period="range"]')!);
    expect(document.querySelector('.admin-data__chip--on')!.textContent).toBe('自定义');
    const days = () => [...document.querySelectorAll('.admin-data__range-day')];
    expect(days().map((d) => d.textContent)).toEqual(['开始日期', '结束日期']);
    // Each picker opens on its default (a week before the brand's today, and today); 确定 takes it.
    fireEvent.click(days()[0]!);
    fireEvent.click(await waitFor(() => getByText(document.body, '确定')));
    await waitFor(() => expect(days()[0]!.textContent).toBe('11月18日'));
    expect(t.pending).toHaveLength(0);
    fireEvent.click(days()[1]!);
    fireEvent.click(await waitFor(() => getByText(document.body, '确定')));
    await waitFor(() => expect(t.pending).toHaveLength(1));
    expect(t.calls[1]!.payload).toEqual({ action: 'kpis', period: { from: '2026-11-18', to: '2026-11-24' } });
  });

  it('the retention table: each cohort’s share per week, darker the higher, blank for weeks not over', async () => {
    fakeTransport(() => adminKpis());
    render(<AdminDataScreen />);
    await waitFor(() => expect(document.querySelector('[data-week="2026-11-02"]')).not.toBeNull());
    const cells = (week: string) => [...document.querySelectorAll<HTMLElement>(`[data-week="${week}"] .admin-data__cohort-cell`)];
    expect(document.querySelector('[data-week="2026-11-02"] .admin-data__cohort-week')!.textContent).toBe('11月2日');
    expect(document.querySelector('[data-week="2026-11-02"] .admin-data__cohort-members')!.textContent).toBe('40');
    expect(cells('2026-11-02').map((c) => c.textContent)).toEqual(['60%', '25%', '', '', '', '', '', '']);
    expect(cells('2026-11-09').map((c) => c.textContent)).toEqual(['5%', '', '', '', '', '', '', '']);
    const alpha = (c: HTMLElement) => Number(/rgba\(232, 83, 43, ([\d.]+)\)/.exec(c.style.backgroundColor)?.[1]);
    const [sixty, quarter] = cells('2026-11-02');
    const five = cells('2026-11-09')[0]!;
    expect(alpha(sixty!)).toBeGreaterThan(alpha(quarter!));
    expect(alpha(quarter!)).toBeGreaterThan(alpha(five));
    expect(alpha(five)).toBeGreaterThan(0);
    expect(cells('2026-11-02')[2]!.style.backgroundColor).toBe('');
    // A dark cell carries white text.
    expect(sixty!.className).toContain('admin-data__cohort-cell--light');
    expect(quarter!.className).not.toContain('admin-data__cohort-cell--light');
  });

  it('draws each chart with its days and series; a chart with nothing to draw says so', async () => {
    const answer = adminKpis();
    answer.lottery.series = answer.lottery.series.map((d) => ({ ...d, draws: 0, awards: 0 }));
    fakeTransport(() => answer);
    render(<AdminDataScreen />);
    await waitFor(() => expect(drawnTexts).toContain('直接进入'));
    const canvases = document.querySelectorAll('.admin-chart canvas');
    const empties = [...document.querySelectorAll('.admin-chart__empty')].map((e) => e.textContent);
    expect(empties).toEqual(['这段时间没有抽奖']);
    expect(canvases).toHaveLength(11);
    expect(document.querySelector('[aria-label="每日抽奖与中奖"] canvas')).toBeNull();
    // Days under the axes, the sources in the legend, the streak lengths, the GMV series.
    await waitFor(() => expect(drawnTexts).toEqual(expect.arrayContaining(['11/18', '11/21', '11/24', '分享', '导购', '社群', '1 天', '2–6 天', '30–364 天', '会员总数', 'GMV（元）', 'DAU', 'MAU', '新客', '高价值'])));
    // A source nobody came from this week is no slice of the ring (it still names a column series).
    expect(sourcesChart(answer).series.map((s) => s.name)).not.toContain('海报');
  });

  it('a canvas that cannot draw says so instead of staying blank', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    fakeTransport(() => adminKpis());
    render(<AdminDataScreen />);
    await waitFor(() => expect(document.querySelector('[aria-label="会员总数"] .admin-chart__empty')?.textContent).toBe('图表无法显示'));
  });

  it('a failed load says why; 点击重试 asks again', async () => {
    let calls = 0;
    fakeTransport(() => (++calls === 1 ? fail(503, 'UNAVAILABLE', '服务繁忙，请稍后再试') : adminKpis()));
    render(<AdminDataScreen />);
    await waitFor(() => expect(document.querySelector('.admin-data__error')?.textContent).toBe('服务繁忙，请稍后再试，点击重试'));
    fireEvent.click(document.querySelector('.admin-data__error')!);
    await waitFor(() => expect(figure('newMembers')).not.toBeNull());
    expect(calls).toBe(2);
  });
});

describe('数据: what each chart draws', () => {
  const k = adminKpis();

  it('new members per day: the days as ticks, one series per source', () => {
    const chart = newMembersChart(k);
    expect(chart.categories).toEqual(['11/18', '11/19', '11/20', '11/21', '11/22', '11/23', '11/24']);
    expect(chart.series.map((s) => s.name)).toEqual(['分享', '导购', '社群', '海报', '直接进入']);
    expect(chart.series[0]!.data).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(chart.series[3]!.data).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(dayTick('2026-01-05')).toBe('1/5');
  });

  it('money in yuan, shares in percent (a day without visits stays a gap), streaks by their labels', () => {
    expect(gmvChart(k).series).toEqual([{ name: 'GMV（元）', data: [600, 610, 620, 630, 640, 650, 660] }]);
    expect(checkinRateChart(k).series[0]!.data).toEqual([null, 50, 50, 50, 50, 50, 50]);
    expect(streaksChart(k)).toEqual({
      categories: ['1 天', '2–6 天', '7–29 天', '30–364 天', '365 天以上'],
      series: [{ name: '连续签到会员', data: [40, 25, 12, 4, 0] }],
    });
    expect(sourcesChart(k).series).toEqual([
      { name: '分享', data: 7 },
      { name: '导购', data: 2 },
      { name: '社群', data: 1 },
      { name: '直接进入', data: 2 },
    ]);
  });

  it('the value axis tops out at five whole steps over the highest value, or the highest stack', () => {
    expect(axisMax(newMembersChart(k), true)).toBe(25);
    expect(axisMax(newMembersChart(k), false)).toBe(10);
    expect(axisMax({ categories: ['a', 'b'], series: [{ name: 'x', data: [2, 1] }] }, false)).toBe(5);
    expect(axisMax(gmvChart(k), false)).toBe(1000);
    expect(axisMax({ categories: ['a'], series: [{ name: 'x', data: [1030] }] }, false)).toBe(1250);
  });

  it('a chart is empty with no series, no days or only noughts', () => {
    expect(isEmptyChart({ categories: [], series: [] }, 'line')).toBe(true);
    expect(isEmptyChart({ categories: ['11/24'], series: [{ name: 'a', data: [0, null] }] }, 'column')).toBe(true);
    expect(isEmptyChart({ categories: ['11/24'], series: [{ name: 'a', data: [0, 3] }] }, 'column')).toBe(false);
    expect(isEmptyChart({ categories: [], series: [{ name: 'a', data: 3 }] }, 'ring')).toBe(false);
  });
});
