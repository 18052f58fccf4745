/**
 * Answers asked for before the screen that shows them exists: the first screen's data while
 * the page's code is still loading. A screen takes its answer once; without one, or when the
 * early ask failed, it asks itself.
 */
const pending = new Map<string, Promise<unknown>>();

export function preload<T>(key: string, load: () => Promise<T>): void {
  const answer = load();
  // Nobody may take it (another page opened first): its failure is not an error of its own.
  answer.catch(() => undefined);
  pending.set(key, answer);
}

/** The early answer for `key` (once), or `load()` when there is none or it failed. */
export function preloaded<T>(key: string, load: () => Promise<T>): Promise<T> {
  const early = pending.get(key) as Promise<T> | undefined;
  pending.delete(key);
  return early ? early.catch(() => load()) : load();
}
