/**
 * An edit of a saved object kept while the admin works on it: the draft over what the server
 * last answered, the text of each number field as typed (so "12." stays "12." while the draft
 * holds 1200 fen), and the server's message per field path (relative to the object) after a refused save.
 */
import { useState } from 'react';
import { fieldMessages } from '@/services/errors';
import { shown, stored, type Unit } from './field-units';
import { getAt, setAt } from './path-value';

export interface EditForm<T> {
  /** The draft, or what was saved when nothing is edited; null until loaded. */
  value: T | null;
  dirty: boolean;
  text(path: string, unit: Unit): string;
  type(path: string, unit: Unit, nullable: boolean, text: string): void;
  set(path: string, value: unknown): void;
  /** Replaces a list (a row added or removed): the texts and messages of its rows start again. */
  setList(path: string, items: unknown[]): void;
  error(path: string): string | undefined;
  /** The fields whose messages start with `prefix` (a section's), for a count on its heading. */
  errorsUnder(prefix: string): number;
  /** Keeps the server's messages for the fields under `under` (the params key the value was sent at); answers whether it named any. */
  refused(err: unknown, under: string): boolean;
  /** Starts over from `saved` (after a save, or to drop the edit). */
  reset(): void;
}

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);
const without = (map: Record<string, string>, drop: (path: string) => boolean) => Object.fromEntries(Object.entries(map).filter(([p]) => !drop(p)));

export function useEditForm<T>(saved: T | null): EditForm<T> {
  const [draft, setDraft] = useState<T | null>(null);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const value = draft ?? saved;

  const set = (path: string, next: unknown) => {
    setDraft((d) => {
      const base = d ?? saved;
      return base === null ? null : setAt(base, path, next);
    });
    setErrors((e) => without(e, (p) => p === path));
  };
  return {
    value,
    dirty: draft !== null,
    text: (path, unit) => texts[path] ?? shown(getAt(value, path), unit),
    type(path, unit, nullable, typed) {
      setTexts((t) => ({ ...t, [path]: typed }));
      set(path, stored(typed, unit, nullable));
    },
    set,
    setList(path, items) {
      set(path, items);
      setTexts((t) => without(t, (p) => under(p, path)));
      setErrors((e) => without(e, (p) => under(p, path)));
    },
    error: (path) => errors[path],
    errorsUnder: (prefix) => Object.keys(errors).filter((p) => under(p, prefix)).length,
    refused(err, prefix) {
      const fields = Object.fromEntries(Object.entries(fieldMessages(err)).flatMap(([p, m]) => (p.startsWith(`${prefix}.`) ? [[p.slice(prefix.length + 1), m]] : [])));
      setErrors(fields);
      return Object.keys(fields).length > 0;
    },
    reset() {
      setDraft(null);
      setTexts({});
      setErrors({});
    },
  };
}
