/**
 * A list the server gives a page at a time: `usePaged((cursor) => call('order', 'mine', cursor ?
 * { cursor } : {}), [])` gives {items, loadMore, hasMore, loading, error, reload, page, setItems}.
 * Pages are appended without repeating an item already shown (a row that moved up between two
 * pages); a reload starts again from the first page and drops every answer still on its way.
 *
 * Errors: a first page that fails, or a next page, says why in place (`error`: the screen shows
 * it where the list or its 加载更多 is); a reload that fails over a list on screen keeps the list
 * and says it in a toast.
 */
import { useCallback, useEffect, useRef } from 'react';
import { showError } from '@/services/api';
import { messageOf } from '@/services/errors';
import { useKeyedState } from './keyed-state';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type ItemOf<P extends Page<unknown>> = P['items'][number];

export interface PagedState<P extends Page<unknown>> {
  /** Every item loaded so far; null until the first page answered. */
  items: ItemOf<P>[] | null;
  /** The last page's answer (totals that come with each page). */
  page: P | null;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  /** The next page (nothing while a page is on its way or when there is none). */
  loadMore(): Promise<void>;
  /** The first page again, keeping the list on screen until it answers. */
  reload(): Promise<void>;
  /** Changes items on screen (an action answered with an item's newer state). */
  setItems(update: (items: ItemOf<P>[]) => ItemOf<P>[]): void;
}

interface PagedSnapshot<P extends Page<unknown>> {
  items: ItemOf<P>[] | null;
  page: P | null;
  cursor: string | null;
  loading: boolean;
  error: string | null;
}

const initial = <P extends Page<unknown>>(): PagedSnapshot<P> => ({ items: null, page: null, cursor: null, loading: true, error: null });

const idOf = (item: unknown) => (item as { id?: unknown }).id;

function append<T>(list: T[], more: T[]): T[] {
  const seen = new Set(list.map(idOf));
  return [...list, ...more.filter((item) => idOf(item) === undefined || !seen.has(idOf(item)))];
}

export function usePaged<P extends Page<unknown>>(loadPage: (cursor: string | null) => Promise<P>, deps: readonly unknown[]): PagedState<P> {
  const { key, keyRef, current, read, update } = useKeyedState<PagedSnapshot<P>>(deps, initial);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const seq = useRef(0);

  const fetch = useCallback(
    async (cursor: string | null) => {
      const mine = ++seq.current;
      const forKey = keyRef.current;
      update((s) => ({ ...s, loading: true, error: null }), forKey);
      try {
        const page = await loadRef.current(cursor);
        if (mine !== seq.current) return;
        update(
          (s) => ({
            items: cursor && s.items ? append(s.items, page.items as ItemOf<P>[]) : (page.items as ItemOf<P>[]),
            page,
            cursor: page.nextCursor,
            loading: false,
            error: null,
          }),
          forKey,
        );
      } catch (err) {
        if (mine !== seq.current) return;
        const overList = !cursor && read(forKey).items !== null;
        if (overList) showError(err);
        update((s) => ({ ...s, loading: false, error: overList ? null : messageOf(err) }), forKey);
      }
    },
    [keyRef, read, update],
  );

  useEffect(() => {
    void fetch(null);
    return () => {
      seq.current++;
    };
    // The caller's dependencies and the identity are the key.
  }, key);

  const loadMore = useCallback(async () => {
    const s = read();
    if (!s.cursor || s.loading) return;
    await fetch(s.cursor);
  }, [fetch, read]);

  const reload = useCallback(() => fetch(null), [fetch]);

  const setItems = useCallback(
    (change: (items: ItemOf<P>[]) => ItemOf<P>[]) => update((s) => (s.items ? { ...s, items: change(s.items) } : s)),
    [update],
  );

  return {
    items: current.items,
    page: current.page,
    hasMore: current.cursor !== null,
    loading: current.loading,
    error: current.error,
    loadMore,
    reload,
    setItems,
  };
}
