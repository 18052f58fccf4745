/**
 * The rows of the admin edit forms: a label, the value in the person's unit, and the server's
 * message for that field under it (its path is the one the server names).
 */
import { Input, Text, View } from '@tarojs/components';
import { useRef, useState, type ReactNode } from 'react';
import type { Unit } from './field-units';
import { offsetOf, shownTime, typedTime } from './times';
import OptionSheet, { type SheetOption } from './OptionSheet';
import type { EditForm } from './use-edit-form';
import './forms.css';
import './Fields.css';

interface RowProps {
  label: string;
  path: string;
  error: string | undefined;
  hint?: string;
  children: ReactNode;
}

/** A field's row: its label and control, then the server's message for it (or a hint). */
export function FieldRow({ label, path, error, hint, children }: RowProps) {
  return (
    <View className={`admin-field ${error ? 'admin-field--error' : ''}`} data-path={path}>
      <View className='admin-field__line'>
        <Text className='admin-field__label'>{label}</Text>
        {children}
      </View>
      {hint && !error && <View className='admin-field__hint'>{hint}</View>}
      {error && <View className='admin-field__error'>{error}</View>}
    </View>
  );
}

export interface NumberFieldProps<T> {
  form: EditForm<T>;
  path: string;
  label: string;
  unit?: Unit;
  /** Shown after the value: 元, 天, %, 积分. */
  suffix?: string;
  /** The setting may be unset: an empty field sends null, and the placeholder says what that means. */
  emptyMeans?: string;
  hint?: string;
}

export function NumberField<T>({ form, path, label, unit = 'int', suffix, emptyMeans, hint }: NumberFieldProps<T>) {
  return (
    <FieldRow label={label} path={path} error={form.error(path)} hint={hint}>
      <Input
        className='admin-field__input'
        type='digit'
        value={form.text(path, unit)}
        placeholder={emptyMeans ?? ''}
        onInput={(e) => form.type(path, unit, emptyMeans !== undefined, e.detail.value)}
      />
      {suffix && <Text className='admin-field__suffix'>{suffix}</Text>}
    </FieldRow>
  );
}

export function TextField<T>({ form, path, label, placeholder, maxlength }: { form: EditForm<T>; path: string; label: string; placeholder?: string; maxlength: number }) {
  return (
    <FieldRow label={label} path={path} error={form.error(path)}>
      <Input
        className='admin-field__input admin-field__input--text'
        value={form.text(path, 'int')}
        maxlength={maxlength}
        placeholder={placeholder ?? ''}
        onInput={(e) => form.set(path, e.detail.value)}
      />
    </FieldRow>
  );
}

/** A few named values side by side (包邮 / 不包邮, 首位导购 / 最近导购 / 不绑定). */
export function ChoiceField<T, V extends string | boolean>({
  form,
  path,
  label,
  choices,
  onChoose,
}: {
  form: EditForm<T>;
  path: string;
  label: string;
  choices: ReadonlyArray<{ value: V; name: string }>;
  /** Instead of setting the value alone (a prize's kind also clears what only the old kind had). */
  onChoose?: (value: V) => void;
}) {
  const current = form.text(path, 'int');
  return (
    <FieldRow label={label} path={path} error={form.error(path)}>
      <Segmented current={current} choices={choices} onChoose={(v) => (onChoose ? onChoose(v) : form.set(path, v))} />
    </FieldRow>
  );
}

/** One of a few values, side by side (the chosen one marked). */
export function Segmented<V extends string | boolean>({
  current,
  choices,
  onChoose,
}: {
  current: string;
  choices: ReadonlyArray<{ value: V; name: string }>;
  onChoose(value: V): void;
}) {
  return (
    <View className='admin-form__segmented admin-field__choices'>
      {choices.map((c) => (
        <View
          key={String(c.value)}
          className={`admin-form__seg ${current === String(c.value) ? 'admin-form__seg--on' : ''}`}
          role='radio'
          aria-checked={current === String(c.value)}
          data-value={String(c.value)}
          onClick={() => onChoose(c.value)}
        >
          {c.name}
        </View>
      ))}
    </View>
  );
}

export interface PickFieldProps<T> {
  form: EditForm<T>;
  path: string;
  label: string;
  options: readonly SheetOption[];
  /** The name of null (无会员日, 不送券, 休市); absent: a value must be picked. */
  none?: string;
  /** The options' values are numbers (a weekday), not ids. */
  numeric?: boolean;
  loading?: boolean;
  loadError?: string | null;
}

/** A value picked from a sheet: a weekday, a coupon template, a category. */
export function PickField<T>({ form, path, label, options, none, numeric = false, loading, loadError }: PickFieldProps<T>) {
  const [open, setOpen] = useState(false);
  const current = form.text(path, 'int');
  const all = none !== undefined ? [{ value: '', name: none }, ...options] : options;
  const name = all.find((o) => o.value === current)?.name ?? (current ? `#${current}` : (none ?? '请选择'));
  return (
    <FieldRow label={label} path={path} error={form.error(path)}>
      <View className='admin-field__pick' onClick={() => setOpen(true)}>
        <Text className={current ? 'admin-form__picked' : 'admin-form__placeholder'}>{name}</Text>
        <Text className='admin-form__chevron'>›</Text>
      </View>
      {open && (
        <OptionSheet
          title={label}
          options={all}
          selected={[current]}
          loading={loading}
          error={loadError}
          onClose={() => setOpen(false)}
          onPick={([v]) => {
            setOpen(false);
            form.set(path, v === '' || v === undefined ? null : numeric ? Number(v) : v);
          }}
        />
      )}
    </FieldRow>
  );
}

/** A time typed as '2026-12-01 20:00'; the text stays as typed while the draft holds its ISO form. */
export function TimeField<T>({ form, path, label, emptyMeans }: { form: EditForm<T>; path: string; label: string; emptyMeans?: string }) {
  const [typed, setTyped] = useState<string | null>(null);
  const iso = form.text(path, 'int');
  // The offset the value was read in: while it is retyped the draft holds partial text, not ISO.
  const offset = useRef<string | null>(offsetOf(iso));
  offset.current = offsetOf(iso) ?? offset.current;
  return (
    <FieldRow label={label} path={path} error={form.error(path)}>
      <Input
        className='admin-field__input admin-field__input--text'
        value={typed ?? (iso ? shownTime(iso) : '')}
        maxlength={16}
        placeholder={emptyMeans ?? '2026-12-01 20:00'}
        onInput={(e) => {
          setTyped(e.detail.value);
          form.set(path, typedTime(e.detail.value, offset.current, emptyMeans !== undefined));
        }}
      />
    </FieldRow>
  );
}
