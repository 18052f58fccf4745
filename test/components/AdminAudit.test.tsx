/**
 * 操作记录 (admin subpackage): entries newest first with who, when, on what and what changed;
 * narrowed by kind (a sheet) or to one admin (tapping the name), each filter cleared by its ×;
 * 加载更多 asks for the next page with the cursor.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryView } from '@cloud/contract';
import { AdminAuditScreen } from '@/packages/admin/audit';
import { setTransport } from '@/services/transports';
import { actionOf, fakeTransport } from './fake-transport';
import { stubIntersectionObserver } from './shop-fixtures';

beforeAll(stubIntersectionObserver);
afterEach(() => {
  cleanup();
  setTransport(null);
});

const entry = (over: Partial<AuditEntryView> = {}): AuditEntryView => ({
  id: '40',
  at: '2026-12-07T10:05:00+08:00',
  kind: 'config.set',
  kindName: '修改品牌设置',
  actor: { id: '9', nickname: '小陈' },
  targetType: 'settings',
  targetId: null,
  before: { memberDay: { weekday: 3 } },
  after: { memberDay: { weekday: 5 } },
  requestId: null,
  ...over,
});

const points = entry({ id: '39', kind: 'points.adjust', kindName: '调整积分', actor: { id: '12', nickname: null }, targetType: 'member', targetId: '21', before: null, after: { delta: 50, reason: '补偿' }, at: '2026-12-07T09:00:00+08:00' });

const entries = () => [...document.querySelectorAll<HTMLElement>('.admin-audit__entry')];

describe('操作记录', () => {
  it('shows who changed what; filters by kind and by admin; pages on', async () => {
    const calls = fakeTransport((c) => {
      if (actionOf(c) !== 'admin.auditLog') throw new Error(actionOf(c));
      if (c.payload.cursor === '39') return { items: [entry({ id: '12', kindName: '保存分群', kind: 'segment.save', targetType: 'segment', targetId: '5', before: null, after: null })], nextCursor: null };
      if (c.payload.kind === 'points.adjust' || c.payload.actorId === '12') return { items: [points], nextCursor: null };
      return { items: [entry(), points], nextCursor: '39' };
    });
    render(<AdminAuditScreen />);
    await waitFor(() => expect(entries()).toHaveLength(2));
    expect(entries()[0]!.textContent).toBe('修改品牌设置12-07 10:05小陈品牌设置memberDay.weekday3 → 5');
    expect(entries()[1]!.textContent).toBe('调整积分12-07 09:00微信用户会员 #21delta— → 50reason— → 补偿');

    fireEvent.click(document.querySelector('.admin-list__more')!);
    await waitFor(() => expect(entries()).toHaveLength(3));
    expect(entries()[2]!.textContent).toBe('保存分群12-07 10:05小陈分群 #5');
    expect(document.querySelector('.admin-list__end')?.textContent).toBe('没有更多了');

    fireEvent.click(document.querySelector('.admin-audit__chip--kind')!);
    fireEvent.click([...document.querySelectorAll<HTMLElement>('.option-sheet__option')].find((o) => o.textContent === '调整积分')!);
    await waitFor(() => expect(entries()).toHaveLength(1));
    expect(calls.at(-1)!.payload).toEqual({ action: 'auditLog', kind: 'points.adjust' });
    expect(document.querySelector('.admin-audit__chip--kind')!.textContent).toBe('调整积分×');
    fireEvent.click(document.querySelector('.admin-audit__chip--kind .admin-audit__chip-clear')!);
    await waitFor(() => expect(entries()).toHaveLength(2));

    fireEvent.click(entries()[1]!.querySelector('.admin-audit__actor')!);
    await waitFor(() => expect(entries()).toHaveLength(1));
    expect(calls.at(-1)!.payload).toEqual({ action: 'auditLog', actorId: '12' });
    expect(document.querySelector('.admin-audit__chip--actor')!.textContent).toBe('只看 微信用户×');
  });

  it('nothing yet says so', async () => {
    fakeTransport(() => ({ items: [], nextCursor: null }));
    render(<AdminAuditScreen />);
    await waitFor(() => expect(document.querySelector('.admin-audit .empty-state__text')?.textContent).toBe('还没有操作记录'));
  });
});
