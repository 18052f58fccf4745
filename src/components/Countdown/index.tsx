import { Text } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { serverNow } from '@/services/clock';
import { formatCountdown } from '@/utils/brand-time';

/*
 * One shared one-second ticker: every countdown on screen updates in the same tick, so React
 * batches them into one render (one setData in the weapp, whatever the number of countdowns).
 */
const listeners = new Set<() => void>();
let ticker: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  ticker ??= setInterval(() => listeners.forEach((l) => l()), 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  };
}

/** The server's "now" in ms, updated every second. */
export function useNow(): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => subscribe(() => setNow(serverNow())), []);
  return now;
}

export interface CountdownProps {
  /** ISO time the countdown runs to. */
  to: string;
  /** Words before the time: '距结束', '剩余支付时间'. */
  prefix?: string;
  /** Shown once the time is reached. */
  endedText?: string;
  className?: string;
  /** Called once when the time is reached (e.g. to ask the server what changed). */
  onEnd?(): void;
}

/**
 * '距结束 02:03:04', ticking every second. It has no stylesheet of its own: each place styles it
 * through `className` (and `countdown--ended`), which also keeps the CSS order of pages stable.
 */
export default function Countdown({ to, prefix = '', endedText = '已结束', className = '', onEnd }: CountdownProps) {
  const now = useNow();
  const left = Date.parse(to) - now;
  const ended = left <= 0;
  const endRef = useRef(onEnd);
  endRef.current = onEnd;
  useEffect(() => {
    if (ended) endRef.current?.();
  }, [ended]);
  return (
    <Text className={`countdown ${ended ? 'countdown--ended' : ''} ${className}`}>
      {ended ? endedText : `${prefix}${prefix ? ' ' : ''}${formatCountdown(left)}`}
    </Text>
  );
}
