import { Image, Text, View } from '@tarojs/components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DrawResult, PrizeView } from '@cloud/contract';
import { imageUrl } from '@/services/image-url';
import './index.css';

export interface LotteryMachineProps {
  prizes: PrizeView[];
  /** Nothing to draw with (no chance and no points draw): the button is greyed. */
  disabled?: boolean;
  buttonText: string;
  buttonSub?: string;
  /**
   * Asks the server for a draw (or lets the member cancel, answering null). The machine only
   * animates towards `result.prize.position`; it never decides anything.
   */
  onDraw(): Promise<DrawResult | null>;
  /** The highlight has stopped on the server's prize. */
  onStop(result: DrawResult): void;
  /** Milliseconds per step at full speed (tests use 1). */
  stepMs?: number;
  /** Full turns before the highlight slows down onto the prize. */
  laps?: number;
}

/** Ring slots of a 3×3 grid, clockwise from the top-left; slot 4 is the 抽奖 button. */
const NINE_GRID_RING = [0, 1, 2, 5, 8, 7, 6, 3];

const PRIZE_ICONS: Record<PrizeView['kind'], string> = { coupon: '券', points: '分', goods: '礼', none: '谢' };

/**
 * 疯狂抽奖机: eight prizes around a 抽奖 button (other counts: a grid with the button below).
 * One tap → one onDraw, whatever the member does meanwhile; then the highlight runs round
 * and slows down onto the cell whose position the server answered.
 */
export default function LotteryMachine({ prizes, disabled, buttonText, buttonSub, onDraw, onStop, stepMs = 60, laps = 2 }: LotteryMachineProps) {
  const ring = useMemo(() => [...prizes].sort((a, b) => a.position - b.position), [prizes]);
  const [active, setActive] = useState<number | null>(null);
  const [phase, setPhase] = useState<'idle' | 'drawing' | 'spinning'>('idle');
  const busy = useRef(false);
  const activeRef = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (timer.current) clearTimeout(timer.current);
    };
  }, []);

  const finish = () => {
    busy.current = false;
    if (mounted.current) setPhase('idle');
  };

  const spinTo = (result: DrawResult) => {
    const n = ring.length;
    const target = ring.findIndex((p) => p.position === result.prize.position);
    if (target < 0 || n === 0) {
      finish();
      onStop(result);
      return;
    }
    setPhase('spinning');
    const from = activeRef.current ?? -1;
    const distance = (((target - from) % n) + n) % n || n;
    const total = laps * n + distance;
    let step = 0;
    const tick = () => {
      if (!mounted.current) return;
      step++;
      const idx = (((from + step) % n) + n) % n;
      activeRef.current = idx;
      setActive(idx);
      if (step >= total) {
        timer.current = setTimeout(() => {
          finish();
          if (mounted.current) onStop(result);
        }, stepMs * 5);
        return;
      }
      const remaining = total - step;
      timer.current = setTimeout(tick, remaining < 10 ? stepMs * (1 + (10 - remaining) * 0.45) : stepMs);
    };
    tick();
  };

  const onTap = async () => {
    if (busy.current || disabled) return;
    busy.current = true;
    setPhase('drawing');
    let result: DrawResult | null = null;
    try {
      result = await onDraw();
    } catch {
      result = null;
    }
    if (!result || !mounted.current) {
      finish();
      return;
    }
    spinTo(result);
  };

  const nineGrid = ring.length === 8;
  const cells = ring.map((prize, i) => {
    const src = imageUrl(prize.imageUrl);
    return (
      <View
        key={prize.id}
        className={`lottery-machine__cell lottery-machine__cell--${prize.kind} ${active === i ? 'lottery-machine__cell--active' : ''}`}
        data-position={prize.position}
        style={nineGrid ? { order: NINE_GRID_RING[i] } : undefined}
      >
        {src ? (
          <Image className='lottery-machine__image' src={src} mode='aspectFill' />
        ) : (
          <Text className='lottery-machine__icon'>{PRIZE_ICONS[prize.kind]}</Text>
        )}
        <Text className='lottery-machine__name'>{prize.name}</Text>
      </View>
    );
  });
  const button = (
    <View
      className={`lottery-machine__button ${disabled ? 'lottery-machine__button--disabled' : ''} ${phase !== 'idle' ? 'lottery-machine__button--busy' : ''}`}
      style={nineGrid ? { order: 4 } : undefined}
      role='button'
      aria-disabled={disabled || phase !== 'idle'}
      onClick={() => void onTap()}
    >
      <Text className='lottery-machine__button-text'>{phase === 'idle' ? buttonText : '抽奖中'}</Text>
      {buttonSub && phase === 'idle' && <Text className='lottery-machine__button-sub'>{buttonSub}</Text>}
    </View>
  );
  return (
    <View className={`lottery-machine ${nineGrid ? 'lottery-machine--nine' : 'lottery-machine--list'}`} data-phase={phase}>
      {cells}
      {button}
    </View>
  );
}
