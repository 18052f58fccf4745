/**
 * State that belongs to one set of dependencies (and the signed-in identity) — the shared core
 * of useCall and usePaged. Read during render it is the fresh state as soon as the key moves on,
 * so a screen never shows one tab's data under another tab for a frame, and a late answer for
 * an old key lands where nothing reads it.
 */
import { useCallback, useRef, useState } from 'react';
import { useSessionStore } from '@/stores/session';

/** The state kept for one set of dependencies: another set starts from nothing. */
export interface Snapshot<S> {
  key: readonly unknown[];
  value: S;
}

export const sameKey = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/** `first`: the state of the first key, when it does not start from nothing. */
export function useKeyedState<S>(deps: readonly unknown[], fresh: () => S, first?: S) {
  const generation = useSessionStore((s) => s.generation);
  const key = [...deps, generation];
  const [snapshot, setSnapshot] = useState<Snapshot<S>>(() => ({ key, value: first ?? fresh() }));
  const latest = useRef(snapshot);
  const keyRef = useRef(key);
  keyRef.current = key;
  const current = sameKey(snapshot.key, key) ? snapshot.value : fresh();
  // `fresh` makes a constant initial state: which render's copy the callbacks keep does not matter.
  /** The newest state of `forKey` (the current key when omitted), even before it rendered. */
  const read = useCallback((forKey: readonly unknown[] = keyRef.current) => (sameKey(latest.current.key, forKey) ? latest.current.value : fresh()), []);
  /** Changes the state of `forKey` (the current key when omitted). */
  const update = useCallback(
    (change: (s: S) => S, forKey: readonly unknown[] = keyRef.current) => {
      latest.current = { key: forKey, value: change(read(forKey)) };
      setSnapshot(latest.current);
    },
    [read],
  );
  return { key, keyRef, current, read, update };
}
