/**
 * What the SOP plan editor does to steps beside the fields: a blank step, a trigger of another
 * kind with its own defaults, the keys of new steps, and a variable put into the script.
 */
import type { SopPlanView } from '@cloud/contract';

export type Step = SopPlanView['steps'][number];
export type Trigger = Step['trigger'];
export type TriggerKind = Trigger['kind'];

/** The plan as the editor holds it: a new step's key is '' until it is saved. */
export interface PlanDraft {
  name: string;
  enabled: boolean;
  steps: Step[];
}

export const TRIGGER_CHOICES: ReadonlyArray<{ value: TriggerKind; name: string }> = [
  { value: 'bound', name: '绑定后' },
  { value: 'holiday', name: '节日' },
  { value: 'birthday', name: '生日' },
  { value: 'tierUp', name: '升级' },
  { value: 'segment', name: '分群' },
  { value: 'delivered', name: '签收后' },
];


const TRIGGER_DEFAULTS: { [K in TriggerKind]: Extract<Trigger, { kind: K }> } = {
  bound: { kind: 'bound', days: 0 },
  holiday: { kind: 'holiday', name: '', monthDay: '' },
  birthday: { kind: 'birthday' },
  tierUp: { kind: 'tierUp' },
  segment: { kind: 'segment', segment: 'churnRisk' },
  delivered: { kind: 'delivered', days: 3 },
};

export const triggerOfKind = (kind: TriggerKind): Trigger => ({ ...TRIGGER_DEFAULTS[kind] });

export const blankStep = (): Step => ({
  key: '',
  name: '',
  trigger: triggerOfKind('bound'),
  dueTime: '10:00',
  expiresAfterDays: 2,
  script: '',
  couponTemplateId: null,
  product: null,
});

export const blankPlan = (): PlanDraft => ({ name: '', enabled: true, steps: [blankStep()] });

/**
 * Keys for the steps that have none (new ones), from the letters and digits of their names
 * ('618 预热' → '618'; a name in Chinese alone → 'step'), numbered when taken ('step-2').
 * Saved steps keep theirs: tasks are once per member, step key and occurrence.
 */
export function withKeys(steps: readonly Step[]): Step[] {
  const taken = new Set(steps.map((s) => s.key).filter(Boolean));
  return steps.map((s) => {
    if (s.key) return s;
    const base =
      s.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 24) || 'step';
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    taken.add(key);
    return { ...s, key };
  });
}

/** The script with `{variable}` put at the cursor (at the end when the cursor is not known); and where the cursor goes after it. */
export function insertVariable(script: string, cursor: number | null, variable: string): { script: string; cursor: number } {
  const at = cursor === null || cursor < 0 || cursor > script.length ? script.length : cursor;
  const token = `{${variable}}`;
  return { script: script.slice(0, at) + token + script.slice(at), cursor: at + token.length };
}

/** Steps moved: the one at `i` swapped with its neighbour `i + by` (nothing when that is outside). */
export function moved<T>(items: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= items.length) return [...items];
  const next = [...items];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** A holiday's dates as typed ('2026-02-17, 2027-02-06'), one per date; what is not a date is kept for the server to refuse at its place. */
export const parseDates = (typed: string): string[] => typed.split(/[\s,，、;；]+/).filter(Boolean);
