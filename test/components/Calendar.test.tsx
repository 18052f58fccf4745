import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CalendarDay, CalendarDayState } from '@cloud/contract';
import Calendar from '@/components/Calendar';

afterEach(cleanup);

/** November 2026: joined on the 3rd, checked the 4th–6th, missed the 7th–22nd, today the 23rd. */
function november(): CalendarDay[] {
  return Array.from({ length: 30 }, (_, i) => {
    const day = i + 1;
    const state: CalendarDayState =
      day < 3 ? 'before_join' : day <= 6 ? 'checked' : day === 10 ? 'made_up' : day < 23 ? 'missed' : day === 23 ? 'today' : 'future';
    return { date: `2026-11-${String(day).padStart(2, '0')}`, state };
  });
}

function cells(container: HTMLElement) {
  return [...container.querySelectorAll<HTMLElement>('[data-date]')];
}

describe('Calendar', () => {
  it('shows the month title, weekday headers and every day with its own look', () => {
    const { container } = render(
      <Calendar month='2026-11' days={november()} canPrev canNext={false} onPrev={() => {}} onNext={() => {}} />,
    );
    expect(screen.getByText('2026年11月')).toBeTruthy();
    for (const w of ['日', '一', '二', '三', '四', '五', '六']) expect(screen.getByText(w)).toBeTruthy();
    const days = cells(container);
    expect(days).toHaveLength(30);
    const byDate = (d: number) => days[d - 1]!;
    expect(byDate(1).className).toContain('calendar__cell--before_join');
    expect(byDate(4).className).toContain('calendar__cell--checked');
    expect(byDate(4).textContent).toContain('✓');
    expect(byDate(7).className).toContain('calendar__cell--missed');
    expect(byDate(7).textContent).not.toContain('✓');
    expect(byDate(23).className).toContain('calendar__cell--today');
    expect(byDate(30).className).toContain('calendar__cell--future');
    // Each state has a distinct class, so a distinct look.
    const looks = new Set(days.map((c) => c.className));
    expect(byDate(10).className).toContain('calendar__cell--made_up');
    expect(byDate(10).textContent).toContain('补');
    expect(looks.size).toBe(6);
  });

  it('starts the month on its weekday (2026-11-01 is a Sunday, 2026-10-01 a Thursday)', () => {
    const { container, rerender } = render(
      <Calendar month='2026-11' days={november()} canPrev canNext={false} onPrev={() => {}} onNext={() => {}} />,
    );
    expect(container.querySelectorAll('.calendar__cell--blank')).toHaveLength(0);
    const october = Array.from({ length: 31 }, (_, i) => ({
      date: `2026-10-${String(i + 1).padStart(2, '0')}`,
      state: 'checked' as const,
    }));
    rerender(<Calendar month='2026-10' days={october} canPrev={false} canNext onPrev={() => {}} onNext={() => {}} />);
    expect(container.querySelectorAll('.calendar__cell--blank')).toHaveLength(4);
    expect(screen.getByText('2026年10月')).toBeTruthy();
  });

  it('navigates months only where allowed', () => {
    const onPrev = vi.fn();
    const onNext = vi.fn();
    render(<Calendar month='2026-11' days={november()} canPrev canNext={false} onPrev={onPrev} onNext={onNext} />);
    fireEvent.click(screen.getByLabelText('上个月'));
    fireEvent.click(screen.getByLabelText('下个月'));
    expect(onPrev).toHaveBeenCalledTimes(1);
    expect(onNext).not.toHaveBeenCalled();
    expect(screen.getByLabelText('下个月').className).toContain('calendar__arrow--disabled');
  });

  it('explains the looks in a legend', () => {
    render(<Calendar month='2026-11' days={november()} canPrev canNext onPrev={() => {}} onNext={() => {}} />);
    for (const label of ['已签到', '已补签', '未签到', '今天']) expect(screen.getByText(label)).toBeTruthy();
  });
});
