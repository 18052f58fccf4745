/**
 * SOP 成效 (admin subpackage): the guides ranked with their rates, the order rate per layer with
 * the difference, the 流失预警 comeback with and without a done task; 近 7 天 asks again.
 */
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SopValue } from '@cloud/contract';
import { AdminSopValueScreen } from '@/packages/admin/sop-value';
import { setTransport } from '@/services/transports';
import { all, answering, paramsOf, tap, text } from './form-helpers';

afterEach(() => {
  cleanup();
  setTransport(null);
});

const month: SopValue = {
  since: '2026-11-01',
  until: '2026-11-30',
  guides: [
    { guideId: '7', nickname: '小周', tasks: 40, done: 36, onTime: 27, skipped: 2, expired: 2, completionRate: 0.9, onTimeRate: 0.75 },
    { guideId: '8', nickname: null, tasks: 8, done: 0, onTime: 0, skipped: 1, expired: 7, completionRate: 0, onTimeRate: 0 },
  ],
  orderRate: [
    { layer: 'high', layerName: '高价值', touched: 20, touchedRate: 0.35, untouched: 180, untouchedRate: 0.2 },
    { layer: 'at_risk', layerName: '流失预警', touched: 10, touchedRate: 0.1, untouched: 50, untouchedRate: 0.1 },
    { layer: 'dormant', layerName: '沉睡', touched: 0, touchedRate: 0, untouched: 300, untouchedRate: 0.01 },
  ],
  churnComeback: { withTask: 10, withTaskBack: 4, withoutTask: 20, withoutTaskBack: 3 },
};

describe('SOP 成效', () => {
  it('shows the month: guides ranked, order rates against the same layer, comeback with and without', async () => {
    const calls = answering({ 'admin.sopValue': (c: { payload: { days?: number } }) => (c.payload.days === 7 ? { ...month, since: '2026-11-24', guides: [] } : month) });
    render(<AdminSopValueScreen />);
    await waitFor(() => expect(document.querySelector('.admin-sopv__guides [data-row="7"]')).not.toBeNull());
    expect(text('.admin-sopv__span')).toBe('到期日 11月1日 至 11月30日 的任务');
    expect(all('.admin-sopv__guides [data-row="7"] .admin-data__td')).toEqual(['1', '小周', '40', '90%', '75%', '2', '2']);
    expect(all('.admin-sopv__guides [data-row="8"] .admin-data__td')).toEqual(['2', '导购 #8', '8', '0%', '—', '1', '7']);
    expect(all('.admin-sopv__orders [data-row="high"] .admin-data__td')).toEqual(['高价值', '20', '35%', '20%', '+15 个百分点']);
    expect(all('.admin-sopv__orders [data-row="at_risk"] .admin-data__td')).toEqual(['流失预警', '10', '10%', '10%', '持平']);
    // A layer no task touched has nothing to compare.
    expect(document.querySelector('.admin-sopv__orders [data-row="dormant"]')).toBeNull();
    expect(all('.admin-sopv__churn .admin-sopv__figure-value')).toEqual(['40%', '15%']);
    expect(all('.admin-sopv__churn .admin-sopv__figure-sub')).toEqual(['4 / 10 人回访', '3 / 20 人回访']);
    expect(text('.admin-sopv__diff')).toBe('完成任务的回访率比未完成 +25 个百分点');

    await tap(document.querySelector('[data-days="7"]')!);
    await waitFor(() => expect(text('.admin-sopv__guides .admin-data__table-empty')).toBe('这段时间还没有到期的 SOP 任务'));
    expect(paramsOf(calls, 'admin.sopValue')).toEqual([{ action: 'sopValue', days: 30 }, { action: 'sopValue', days: 7 }]);
  });
});
