import { Text, View } from '@tarojs/components';
import dayjs from 'dayjs';
import type { CalendarDay, CalendarDayState } from '@cloud/contract';
import { WEEKDAY_HEADERS, formatMonth } from '@/utils/format';
import './index.css';

export interface CalendarProps {
  /** 'YYYY-MM' */
  month: string;
  days: CalendarDay[];
  canPrev: boolean;
  canNext: boolean;
  loading?: boolean;
  onPrev(): void;
  onNext(): void;
  /** Missed days that can be made up now: marked 可补. */
  makeupDays?: string[];
  /** A day was tapped (e.g. a missed day, to offer 补签). */
  onDayTap?(day: CalendarDay): void;
}

const STATE_LABELS: Record<CalendarDayState, string> = {
  checked: '已签到',
  made_up: '已补签',
  missed: '未签到',
  today: '今天',
  future: '未到',
  before_join: '入会前',
};

const LEGEND: CalendarDayState[] = ['checked', 'made_up', 'missed', 'today'];

/** The month's check-in calendar, each day in the state the server gave it. */
export default function Calendar({ month, days, canPrev, canNext, loading, makeupDays = [], onPrev, onNext, onDayTap }: CalendarProps) {
  const leading = dayjs(`${month}-01`).day();
  const makeup = new Set(makeupDays);
  return (
    <View className='calendar'>
      <View className='calendar__nav'>
        <View
          className={`calendar__arrow ${canPrev ? '' : 'calendar__arrow--disabled'}`}
          aria-label='上个月'
          onClick={() => canPrev && onPrev()}
        >
          ‹
        </View>
        <Text className='calendar__title'>{formatMonth(month)}</Text>
        <View
          className={`calendar__arrow ${canNext ? '' : 'calendar__arrow--disabled'}`}
          aria-label='下个月'
          onClick={() => canNext && onNext()}
        >
          ›
        </View>
      </View>
      <View className='calendar__grid'>
        {WEEKDAY_HEADERS.map((w) => (
          <View key={`w${w}`} className='calendar__weekday'>
            {w}
          </View>
        ))}
        {Array.from({ length: leading }, (_, i) => (
          <View key={`b${i}`} className='calendar__cell calendar__cell--blank' />
        ))}
        {days.map((d) => {
          const canMakeUp = d.state === 'missed' && makeup.has(d.date);
          return (
            <View
              key={d.date}
              className={`calendar__cell calendar__cell--${d.state}${canMakeUp ? ' calendar__cell--makeup' : ''}${loading ? ' calendar__cell--loading' : ''}`}
              data-date={d.date}
              data-state={d.state}
              aria-label={`${d.date} ${canMakeUp ? '可补签' : STATE_LABELS[d.state]}`}
              onClick={() => !loading && onDayTap?.(d)}
            >
              <Text className='calendar__num'>{Number(d.date.slice(8))}</Text>
              {d.state === 'checked' && <Text className='calendar__mark'>✓</Text>}
              {d.state === 'made_up' && <Text className='calendar__mark'>补</Text>}
              {canMakeUp && <Text className='calendar__mark'>可补</Text>}
            </View>
          );
        })}
      </View>
      <View className='calendar__legend'>
        {LEGEND.map((s) => (
          <View key={s} className='calendar__legend-item'>
            <View className={`calendar__dot calendar__dot--${s}`} />
            <Text>{STATE_LABELS[s]}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
