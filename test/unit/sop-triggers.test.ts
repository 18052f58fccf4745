import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '@cloud/domain/business-day';
import { DEFAULT_BRAND_SETTINGS } from '@cloud/domain/brand-settings';
import { isMemberDay } from '@cloud/domain/member-day';
import { DEFAULT_SOP_PLANS } from '@cloud/domain/sop-defaults';
import { sopStepSchema, unknownScriptVariables, type SopTrigger } from '@cloud/domain/sop-plan';
import {
  birthdaysOn,
  boundDay,
  boundWindow,
  dueInstant,
  expiryDay,
  isStepDue,
  occurrenceOf,
  taskPriority,
  type SopMemberFacts,
} from '@cloud/domain/sop-triggers';

const TZ = 'Asia/Shanghai';
const beijing = (t: string) => new Date(`${t}+08:00`);

const member = (over: Partial<SopMemberFacts> = {}): SopMemberFacts => ({
  guideId: '7',
  boundAt: beijing('2027-03-01T12:00:00'),
  birthday: null,
  tier: 'normal',
  tierRaisedOn: null,
  churnRisk: false,
  lastActiveOn: null,
  layer: null,
  layerSince: null,
  delivered: [],
  ...over,
});

const bound = (days: number): SopTrigger => ({ kind: 'bound', days });

describe('bound steps: day 0 is the brand day of the binding', () => {
  it.each([
    ['23:59 brand time is still that day', '2027-03-01T23:59:00', '2027-03-01', '2027-03-02'],
    ['00:00 brand time is the next day', '2027-03-02T00:00:00', '2027-03-02', '2027-03-03'],
    ['23:59:59 brand time (15:59:59 UTC) is still that day', '2027-03-01T23:59:59', '2027-03-01', '2027-03-02'],
  ])('%s', (_, at, day0, day1) => {
    const m = member({ boundAt: beijing(at) });
    expect(boundDay(m.boundAt, TZ)).toBe(day0);
    expect(isStepDue(bound(0), m, day0, TZ)).toBe(true);
    expect(isStepDue(bound(1), m, day1, TZ)).toBe(true);
    expect(isStepDue(bound(0), m, day1, TZ)).toBe(false);
    expect(occurrenceOf(bound(0), m, day0, TZ)).toBe(`7:${day0}`);
  });

  it('the window of a bound step is the brand day N days back, from its 00:00 to the next', () => {
    expect(boundWindow(3, '2027-03-04', TZ)).toEqual({ from: beijing('2027-03-01T00:00:00'), until: beijing('2027-03-02T00:00:00') });
  });

  it('for any binding instant and day, exactly the step whose days is the brand-day difference is due', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 400 }),
        (boundAt, after) => {
          const m = member({ boundAt });
          const day = addDays(boundDay(boundAt, TZ), after);
          const due = [0, 1, 3, 7, 30, 365].filter((days) => isStepDue(bound(days), m, day, TZ));
          expect(due).toEqual([0, 1, 3, 7, 30, 365].filter((days) => days === after));
          const { from, until } = boundWindow(after, day, TZ);
          expect(boundAt >= from && boundAt < until).toBe(true);
        },
      ),
    );
  });
});

describe('birthday steps', () => {
  it.each([
    ['a birthday on its day', '1990-05-20', '2027-05-20', true],
    ['not the day before', '1990-05-20', '2027-05-19', false],
    ['29 February on 28 February of a common year', '1992-02-29', '2027-02-28', true],
    ['29 February on 1 March of a common year: already done on the 28th', '1992-02-29', '2027-03-01', false],
    ['29 February on its own day in a leap year', '1992-02-29', '2028-02-29', true],
    ['29 February not on 28 February of a leap year', '1992-02-29', '2028-02-28', false],
    ['28 February still on 28 February of a common year', '1991-02-28', '2027-02-28', true],
    ['no birthday given', null, '2027-02-28', false],
  ])('%s', (_, birthday, day, due) => {
    expect(isStepDue({ kind: 'birthday' }, member({ birthday }), day, TZ)).toBe(due);
  });

  it('every birthday is celebrated on exactly one day of any year, and the occurrence is the year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 }), fc.integer({ min: 2025, max: 2040 }), (offset, year) => {
        const birthday = addDays('1992-01-01', offset);
        const days = Array.from({ length: daysBetween(`${year}-01-01`, `${year + 1}-01-01`) }, (_, i) => addDays(`${year}-01-01`, i));
        const due = days.filter((d) => birthdaysOn(d).includes(birthday.slice(5)));
        expect(due).toHaveLength(1);
        expect(occurrenceOf({ kind: 'birthday' }, member({ birthday }), due[0]!, TZ)).toBe(String(year));
      }),
    );
  });
});

describe('holiday steps', () => {
  const womensDay: SopTrigger = { kind: 'holiday', name: '妇女节', monthDay: '03-08' };
  const springFestival: SopTrigger = { kind: 'holiday', name: '春节', dates: ['2027-02-06', '2028-01-26'] };

  it.each([
    ['a month-day holiday every year', womensDay, '2027-03-08', true],
    ['… and the next year', womensDay, '2031-03-08', true],
    ['… not on another day', womensDay, '2027-03-09', false],
    ['a dated holiday on a listed date', springFestival, '2028-01-26', true],
    ['… not on the same month-day another year', springFestival, '2029-01-26', false],
  ])('%s', (_, trigger, day, due) => {
    expect(isStepDue(trigger, member(), day, TZ)).toBe(due);
  });

  it('a holiday on the member day (妇女节 2028 is a Wednesday): due as on any day, once that year', () => {
    expect(isMemberDay('2028-03-08', DEFAULT_BRAND_SETTINGS.memberDay)).toBe(true);
    expect(isStepDue(womensDay, member(), '2028-03-08', TZ)).toBe(true);
    expect(occurrenceOf(womensDay, member(), '2028-03-08', TZ)).toBe('2028-03-08');
  });

  it('a holiday on the day of a bound step: both are due, each with its own occurrence', () => {
    // Bound on 5 March: day 3 is 妇女节.
    const m = member({ boundAt: beijing('2027-03-05T18:00:00') });
    expect(isStepDue(bound(3), m, '2027-03-08', TZ)).toBe(true);
    expect(isStepDue(womensDay, m, '2027-03-08', TZ)).toBe(true);
    expect(occurrenceOf(bound(3), m, '2027-03-08', TZ)).toBe('7:2027-03-05');
    expect(occurrenceOf(womensDay, m, '2027-03-08', TZ)).toBe('2027-03-08');
  });
});

describe('tier, segment and delivery steps', () => {
  it.each([
    ['a tier reached yesterday', member({ tier: 'gold', tierRaisedOn: '2027-03-07' }), true],
    ['a tier reached today (tomorrow’s task)', member({ tier: 'gold', tierRaisedOn: '2027-03-08' }), false],
    ['the base tier', member({ tier: 'normal', tierRaisedOn: null }), false],
  ])('tierUp: %s', (_, m, due) => {
    expect(isStepDue({ kind: 'tierUp' }, m, '2027-03-08', TZ)).toBe(due);
  });

  it('a churn warning is once per silence: the occurrence is its last active day', () => {
    const trigger: SopTrigger = { kind: 'segment', segment: 'churnRisk' };
    const m = member({ churnRisk: true, lastActiveOn: '2027-02-01' });
    expect(isStepDue(trigger, m, '2027-03-08', TZ)).toBe(true);
    expect(occurrenceOf(trigger, m, '2027-03-08', TZ)).toBe(occurrenceOf(trigger, m, '2027-03-09', TZ));
    expect(occurrenceOf(trigger, { ...m, lastActiveOn: '2027-03-01' }, '2027-04-08', TZ)).not.toBe(occurrenceOf(trigger, m, '2027-03-08', TZ));
  });

  it('高价值 once per entry into the layer', () => {
    const trigger: SopTrigger = { kind: 'segment', segment: 'highValue' };
    expect(isStepDue(trigger, member({ layer: 'high', layerSince: '2027-03-01' }), '2027-03-08', TZ)).toBe(true);
    expect(isStepDue(trigger, member({ layer: 'potential', layerSince: '2027-03-01' }), '2027-03-08', TZ)).toBe(false);
    expect(occurrenceOf(trigger, member({ layer: 'high', layerSince: '2027-03-01' }), '2027-03-08', TZ)).toBe('high:2027-03-01');
  });

  it('a delivered step is due N days after the order was received, once per order', () => {
    const m = member({ delivered: [{ orderId: '41', on: '2027-03-01' }, { orderId: '42', on: '2027-03-02' }] });
    expect(isStepDue({ kind: 'delivered', days: 7 }, m, '2027-03-08', TZ)).toBe(true);
    expect(isStepDue({ kind: 'delivered', days: 7 }, m, '2027-03-10', TZ)).toBe(false);
  });

  it.each([
    [{ layer: 'high', churnRisk: false }, 1],
    [{ layer: 'at_risk', churnRisk: false }, 1],
    [{ layer: 'regular', churnRisk: true }, 1],
    [{ layer: 'regular', churnRisk: false }, 0],
    [{ layer: null, churnRisk: false }, 0],
  ])('priority of %o is %d', (m, priority) => {
    expect(taskPriority(m)).toBe(priority);
  });
});

describe('due time and expiry', () => {
  it.each([
    ['2027-03-08', '10:00', '2027-03-08T02:00:00.000Z'],
    ['2027-03-08', '00:00', '2027-03-07T16:00:00.000Z'],
    ['2027-03-08', '23:59', '2027-03-08T15:59:00.000Z'],
  ])('%s %s brand time is %s', (day, time, iso) => {
    expect(dueInstant(day, time, TZ).toISOString()).toBe(iso);
  });

  it('a day-0 task due at 21:00 in New York keeps the local hour across the spring change', () => {
    expect(dueInstant('2027-03-14', '21:00', 'America/New_York').toISOString()).toBe('2027-03-15T01:00:00.000Z');
  });

  it.each([
    ['2027-03-08', 0, '2027-03-08'],
    ['2027-03-08', 3, '2027-03-11'],
    ['2027-02-27', 2, '2027-03-01'],
  ])('due %s, open %d days after: the last day is %s', (day, after, last) => {
    expect(expiryDay(day, after)).toBe(last);
  });
});

describe('plans', () => {
  it('a script names only the known variables', () => {
    expect(unknownScriptVariables('{昵称}您好，{导购}送您{券}')).toEqual([]);
    expect(unknownScriptVariables('{昵称}，{姓名}{姓名}')).toEqual(['姓名']);
    for (const plan of DEFAULT_SOP_PLANS) for (const s of plan.steps) expect(unknownScriptVariables(s.script), s.key).toEqual([]);
  });

  it('the default plans are valid steps with unique keys, and cover the spec’s triggers', () => {
    for (const plan of DEFAULT_SOP_PLANS) {
      for (const s of plan.steps) expect(sopStepSchema.parse(s)).toEqual(s);
      expect(new Set(plan.steps.map((s) => s.key)).size).toBe(plan.steps.length);
    }
    const triggers = DEFAULT_SOP_PLANS.flatMap((p) => p.steps.map((s) => s.trigger));
    expect(triggers.filter((t) => t.kind === 'bound').map((t) => (t as { days: number }).days)).toEqual([0, 1, 3, 7, 30]);
    expect(triggers.filter((t) => t.kind === 'holiday').map((t) => (t as { name: string }).name)).toEqual(['春节', '妇女节', '618', '七夕', '双11', '双12']);
  });
});
