/**
 * 导出 (admin subpackage): pick what to export (a segment's members when opened from it), start,
 * follow the rows written to done with 下载; a refusal says why and a retry after a lost answer
 * is the same export (its requestId); the last day's exports are listed for download.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExportView } from '@cloud/contract';
import { AdminExportsScreen } from '@/packages/admin/exports';
import { setTransport } from '@/services/transports';
import { segment } from './admin-fixtures';
import { actionOf, fail, fakeTransport } from './fake-transport';
import { stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
afterEach(() => {
  cleanup();
  setTransport(null);
  vi.useRealTimers();
});

const view = (over: Partial<ExportView> = {}): ExportView => ({
  exportId: 'a'.repeat(32),
  kind: 'members',
  segmentId: '5',
  status: 'queued',
  rowsDone: 0,
  totalEstimate: null,
  error: null,
  fileName: '会员_签到达人_2026-12-07.xlsx',
  downloadUrl: null,
  bytes: null,
  createdAt: '2026-12-07T10:00:00+08:00',
  finishedAt: null,
  expiresAt: '2026-12-08T10:00:00+08:00',
  ...over,
});

const older = view({ exportId: 'b'.repeat(32), kind: 'orders', segmentId: null, status: 'done', rowsDone: 120, totalEstimate: 120, bytes: 20_480, fileName: '订单_2026-12-07.xlsx', downloadUrl: `/api/exports/${'b'.repeat(32)}.xlsx`, createdAt: '2026-12-07T09:12:00+08:00' });

const text = (sel: string) => document.querySelector(sel)?.textContent;

describe('导出', () => {
  it('exports a segment’s members: rows written shown as they come, then 下载; the list is read again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const done = view({ status: 'done', rowsDone: 4, totalEstimate: 4, bytes: 1536, downloadUrl: `/api/exports/${'a'.repeat(32)}.xlsx` });
    const statuses = [view({ status: 'running', rowsDone: 2, totalEstimate: 4 }), done];
    let listed = 0;
    const calls = fakeTransport((c) => {
      const action = actionOf(c);
      if (action === 'admin.segments') return [segment()];
      if (action === 'admin.exports') return listed++ === 0 ? [older] : [done, older];
      if (action === 'admin.export') return view();
      if (action === 'admin.exportStatus') return statuses.shift();
      throw new Error(action);
    });
    render(<AdminExportsScreen initialSegmentId='5' />);
    await waitFor(() => expect(text('.admin-exports__segment-value')).toBe('签到达人 ▾'));
    await waitFor(() => expect(document.querySelectorAll('.admin-exports__recent .admin-exports__row')).toHaveLength(1));
    expect(text('.admin-exports__recent .admin-exports__meta')).toBe('已完成 · 120 行 · 20.0 KB · 12-07 09:12');

    fireEvent.click(document.querySelector('.admin-exports__start')!);
    await waitFor(() => expect(text('.admin-exports__card .admin-exports__meta')).toBe('生成中 · 已写入 2 / 4 行 · 12-07 10:00 · 签到达人'));
    const asked = calls.find((c) => actionOf(c) === 'admin.export')!.payload;
    expect(asked).toMatchObject({ kind: 'members', segmentId: '5' });
    expect(asked.requestId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await vi.advanceTimersByTimeAsync(1_000);
    await waitFor(() => expect(text('.admin-exports__card .admin-exports__meta')).toBe('已完成 · 4 行 · 1.5 KB · 12-07 10:00 · 签到达人'));
    expect(document.querySelector('.admin-exports__card .admin-exports__download')?.textContent).toBe('下载');
    // The list was asked again; the export on the card is not listed twice.
    await waitFor(() => expect(calls.filter((c) => actionOf(c) === 'admin.exports')).toHaveLength(2));
    expect(document.querySelectorAll('.admin-exports__recent .admin-exports__row')).toHaveLength(1);
    expect(text('.admin-exports__start')).toBe('开始导出');
  });

  it('orders have no segment; a lost answer is retried with the same requestId, a refusal says why', async () => {
    const answers: unknown[] = [fail(502, 'BAD_RESPONSE', '网络开小差了'), fail(409, 'EXPORT_BUSY', '导出任务较多，请等前面的导出完成后再试')];
    const calls = fakeTransport((c) => {
      const action = actionOf(c);
      if (action === 'admin.segments') return [];
      if (action === 'admin.exports') return [];
      if (action === 'admin.export') return answers.shift();
      throw new Error(action);
    });
    render(<AdminExportsScreen />);
    await waitFor(() => expect(text('.admin-exports .empty-state__text')).toBe('24 小时内没有其他导出'));
    fireEvent.click(document.querySelector('.admin-exports__kind--orders')!);
    expect(document.querySelector('.admin-exports__segment')).toBeNull();
    fireEvent.click(document.querySelector('.admin-exports__start')!);
    await waitFor(() => expect(text('.admin-exports__error')).toBeTruthy());
    fireEvent.click(document.querySelector('.admin-exports__start')!);
    await waitFor(() => expect(text('.admin-exports__error')).toBe('导出任务较多，请等前面的导出完成后再试'));
    const sent = calls.filter((c) => actionOf(c) === 'admin.export').map((c) => c.payload);
    expect(sent.map((p) => p.kind)).toEqual(['orders', 'orders']);
    expect(sent[0]!.segmentId).toBeUndefined();
    expect(sent[1]!.requestId).toBe(sent[0]!.requestId);
  });
});
