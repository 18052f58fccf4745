/**
 * Answers asked for before the screen that shows them exists: the first screen's data while
 * the page's code is still loading. A screen takes its answer once; without one, or when the
 * early ask failed, it asks itself.
 */
const pending = new Map<string, Promise<unknown>>();
const arrived = new Map<string, unknown>();

export function preload<T>(key: string, load: () => Promise<T>): void {
  const answer = load();
  pending.set(key, answer);
  answer.then(
    (value) => {
      if (pending.get(key) === answer) arrived.set(key, value);
    },
    // Nobody may take it (another page opened first): its failure is not an error of its own.
    () => undefined,
  );
}

/** The early answer for `key` (once), or `load()` when there is none or it failed. */
export function preloaded<T>(key: string, load: () => Promise<T>): Promise<T> {
  const early = pending.get(key) as Promise<T> | undefined;
  pending.delete(key);
  arrived.delete(key);
  return early ? early.catch(() => load()) : load();
}

/** The early answer for `key` if it is already here (once): a screen can show it in its first render. */
export function takeArrived<T>(key: string): T | null {
  if (!arrived.has(key)) return null;
  const value = arrived.get(key) as T;
  arrived.delete(key);
  pending.delete(key);
  return value;
}
