/**
 * What a screen shows of one server answer: `useCall(() => call('catalog', 'home', {}), [])`
 * gives {data, error, loading, reload, setData}. It asks again when a dependency or the signed-in
 * identity changes; an answer to an earlier ask that arrives late is dropped, and so is every
 * answer after the screen is gone.
 *
 * Errors are shown the way the member meets them: a first load that fails says why in place
 * (`error`, with 点击重试 on the screen); a reload that fails over data on screen keeps the data
 * and says it in a toast. `failure` keeps what the last ask failed with, so that a screen offers
 * 点击重试 only where asking again can change the answer.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { showError } from '@/services/api';
import { messageOf } from '@/services/errors';
import { useKeyedState } from './keyed-state';

export interface CallState<T> {
  /** The last answer for the current dependencies; null until there is one. */
  data: T | null;
  /** Why there is nothing to show (the first load failed); null otherwise. */
  error: string | null;
  /** What the last ask failed with, also when its data stays on screen (null after an answer): whether asking again can help. */
  failure: unknown;
  loading: boolean;
  /** Asks again, keeping what is on screen until the answer; resolves when it is settled. */
  reload(): Promise<void>;
  /** Replaces what is on screen (an action answered with a newer state). */
  setData(update: T | ((data: T | null) => T | null) | null): void;
}

interface CallSnapshot<T> {
  data: T | null;
  error: string | null;
  failure: unknown;
  loading: boolean;
}

const initial = <T>(): CallSnapshot<T> => ({ data: null, error: null, failure: null, loading: true });

export interface CallOptions<T> {
  /** An answer already in hand when the screen mounts (asked for before it existed): shown in the first render, and not asked for again then. */
  inHand?: () => T | null;
}

export function useCall<T>(load: () => Promise<T>, deps: readonly unknown[], options: CallOptions<T> = {}): CallState<T> {
  const [inHand] = useState(() => options.inHand?.() ?? null);
  const { key, keyRef, current, read, update } = useKeyedState<CallSnapshot<T>>(deps, initial, inHand === null ? undefined : { data: inHand, error: null, failure: null, loading: false });
  const loadRef = useRef(load);
  loadRef.current = load;
  /** Bumped by every ask and by leaving: only the newest ask's answer lands. */
  const seq = useRef(0);
  /** The mount's ask is not needed when the answer was in hand. */
  const skipFirst = useRef(inHand !== null);

  const run = useCallback(async () => {
    const mine = ++seq.current;
    const forKey = keyRef.current;
    update((s) => ({ ...s, loading: true, error: null, failure: null }), forKey);
    try {
      const data = await loadRef.current();
      if (mine === seq.current) update(() => ({ data, error: null, failure: null, loading: false }), forKey);
    } catch (err) {
      if (mine !== seq.current) return;
      const shown = read(forKey).data !== null;
      if (shown) showError(err);
      update((s) => ({ ...s, loading: false, error: shown ? null : messageOf(err), failure: err }), forKey);
    }
  }, [keyRef, read, update]);

  useEffect(() => {
    if (skipFirst.current) skipFirst.current = false;
    else void run();
    return () => {
      seq.current++;
    };
    // The caller's dependencies and the identity are the key.
  }, key);

  const setData = useCallback(
    (change: T | ((data: T | null) => T | null) | null) =>
      update((s) => ({ ...s, data: typeof change === 'function' ? (change as (d: T | null) => T | null)(s.data) : change })),
    [update],
  );

  return { ...current, reload: run, setData };
}
