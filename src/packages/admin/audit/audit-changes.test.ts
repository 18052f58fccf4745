import { describe, expect, it } from 'vitest';
import { auditChanges, shortValue } from './audit-changes';

describe('auditChanges', () => {
  it.each([
    ['a setting changed', { memberDay: { weekday: 3, multiplier: 2 } }, { memberDay: { weekday: 5, multiplier: 2 } }, [{ path: 'memberDay.weekday', before: '3', after: '5' }]],
    ['a creation lists what it made', null, { name: '签到达人', active: true }, [{ path: 'name', before: '—', after: '签到达人' }, { path: 'active', before: '—', after: 'true' }]],
    ['a removal lists what was there', { tag: 'vip' }, null, [{ path: 'tag', before: 'vip', after: '—' }]],
    ['an array item changed', { tiers: [{ t: 0 }, { t: 100 }] }, { tiers: [{ t: 0 }, { t: 200 }] }, [{ path: 'tiers[1].t', before: '100', after: '200' }]],
    ['an array grew', { odds: [1] }, { odds: [1, 2] }, [{ path: 'odds[1]', before: '—', after: '2' }]],
    ['nothing changed', { a: 1 }, { a: 1 }, []],
    ['a creation’s empty field is no change', null, { kind: 'members', segmentId: null }, [{ path: 'kind', before: '—', after: 'members' }]],
    ['an emptied list', { items: [1] }, { items: [] }, [{ path: 'items', before: '—', after: '[]' }, { path: 'items[0]', before: '1', after: '—' }]],
  ])('%s', (_name, before, after, changes) => {
    expect(auditChanges(before, after)).toEqual(changes);
  });

  it('cuts a long value to one short line', () => {
    expect(shortValue('x'.repeat(50))).toBe(`${'x'.repeat(39)}…`);
    expect(shortValue({ a: 1 })).toBe('{"a":1}');
  });
});
