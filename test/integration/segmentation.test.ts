/**
 * The nightly segmentation run end to end, against the plain-JavaScript reference
 * (test/support/segmentation-data.ts): a seeded year of activity of thousands of members, the
 * job run to the end on the resumable runner, and every member's read model, RFM scores, churn
 * flag and reason, layer and rule tags compared with what the domain functions make of the same
 * events. Then saved segments (versions, entered / exited, a rule that fails at run time), a run
 * repeated for the same day, and two instances (and two computations of one segment) at once.
 *
 * 20,000 members on PostgreSQL; 4,000 on PGlite, whose one embedded connection would take
 * minutes of the CI budget for the full 20,000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@cloud/db/port';
import { addDays } from '@cloud/domain/business-day';
import { segmentRuleSchema, type RuleNode } from '@cloud/domain/segment-rule';
import { LAYER_KEYS } from '@cloud/domain/value-layers';
import { runJob } from '@cloud/services/jobs/run-job';
import { computeSegment, inVersion } from '@cloud/services/segments/compute-segment';
import { segmentationJob } from '@cloud/services/segments/segmentation-job';
import { backends, openTestDatabase, type Backend, type TestDatabase } from '../support/databases';
import { at, brand } from '../support/fixtures';
import {
  generateSegmentationData,
  loadSegmentationData,
  mismatches,
  readSegmentation,
  referenceMembers,
  referenceSegmentation,
  type ReferenceMember,
  type SegmentationData,
} from '../support/segmentation-data';

const D = '2026-06-17';
const NOW = at(`${D} 23:30:00`);
const MEMBERS: Record<Backend, number> = { pglite: 4_000, postgres: 20_000 };
const NAMES: Record<Backend, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };
/** A run of the job takes seconds; on a busy CI machine, several times that. */
const SLOW = 300_000;

/** Saved segments: tags and layers together, a tier tag (for the data change), and one whose rule will break. */
const RULES = {
  mixed: {
    all: [
      { any: [{ tag: 'rule:category:童装' }, { tag: 'rule:checkin-star' }, { tag: 'rule:active' }] },
      { layer: ['high', 'potential', 'regular', 'new', 'at_risk'] },
      { not: { tag: 'rule:coupon-sensitive' } },
    ],
  },
  gold: { all: [{ tag: 'rule:tier:gold' }, { not: { layer: ['dormant'] } }] },
  buyers: { all: [{ field: 'orders', window: 90, op: 'gte', value: 1 }, { layer: ['high', 'potential'] }] },
} as const;

const parse = (rule: unknown): RuleNode => segmentRuleSchema.parse(rule);

interface SegmentRow {
  id: string;
  version: number;
  status: string;
  member_count: number | null;
  entered: number | null;
  exited: number | null;
  error: string | null;
}

async function segmentRow(db: Db, id: string): Promise<SegmentRow> {
  const { rows } = await db.query<SegmentRow>(`select id, version, status, member_count, entered, exited, error from segments where id = $1`, [id]);
  return rows[0]!;
}

async function segmentMembers(db: Db, id: string, version: number): Promise<string[]> {
  const { rows } = await db.query<{ member_id: string }>(
    `select s.member_id from segment_members s where s.segment_id = $1 and ${inVersion('s', '$2')} order by s.member_id`,
    [id, version],
  );
  return rows.map((r) => String(r.member_id));
}

const diff = (before: string[], after: string[]) => {
  const was = new Set(before);
  const now = new Set(after);
  return { entered: after.filter((m) => !was.has(m)).length, exited: before.filter((m) => !now.has(m)).length };
};

async function runForDay(db: Db, options: { instance?: string } = {}) {
  return runJob(db, segmentationJob, { brand, day: D, now: NOW }, options);
}

const forget = (db: Db) => db.query(`delete from job_runs where job = $1 and day = $2`, [segmentationJob.name, D]);

describe.each(backends)('segmentation on %s', (backend) => {
  const members = MEMBERS[backend];
  let t: TestDatabase;
  let data: SegmentationData;
  let reference: Map<string, ReferenceMember>;
  const ids: Record<keyof typeof RULES, string> = { mixed: '', gold: '', buyers: '' };

  beforeAll(async () => {
    t = await openTestDatabase(backend);
    let started = performance.now();
    data = generateSegmentationData({ members, day: D });
    const generated = performance.now() - started;
    started = performance.now();
    await loadSegmentationData(t.db, data);
    const loaded = performance.now() - started;
    started = performance.now();
    reference = referenceSegmentation(data, brand);
    console.log(
      `[segmentation ${backend}] ${members} members: generated in ${Math.round(generated)} ms, loaded in ${Math.round(loaded)} ms, ` +
        `reference in ${Math.round(performance.now() - started)} ms`,
    );
    // The night before: the read model written afresh for D − 1, so that D's run updates it.
    const before = await runJob(t.db, segmentationJob, { brand, day: addDays(D, -1), now: new Date(NOW.getTime() - 86_400_000) });
    expect(before?.result).toMatchObject({ factsAfresh: expect.any(Number) });
    for (const [name, rule] of Object.entries(RULES)) {
      const { rows } = await t.db.query<{ id: string }>(
        `insert into segments (name, rule, created_at, updated_at) values ($1, $2::jsonb, $3, $3) returning id`,
        [name, JSON.stringify(rule), NOW],
      );
      ids[name as keyof typeof RULES] = rows[0]!.id;
    }
  }, 600_000);
  afterAll(() => t?.drop());

  it(`the nightly run over ${members.toLocaleString('en')} members on ${NAMES[backend]}, the read model updated from the night before: every member's facts, r/f/m, churn, layer and rule tags equal the JavaScript reference`, async () => {
    const started = performance.now();
    const report = await runForDay(t.db);
    console.log(`[segmentation ${backend}] job in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(report?.result)}`);
    expect(report?.run?.state).toBe('finished');
    // An update: the members with news or a day leaving a window recomputed, not every member.
    const counts = report!.result as Record<string, number>;
    expect(counts.factsAfresh).toBeUndefined();
    expect(counts.factsListed).toBeGreaterThan(0);
    expect(counts.factsListed).toBeLessThan(reference.size);

    const actual = await readSegmentation(t.db);
    expect(mismatches(actual, reference)).toEqual({ missing: [], extra: [], fields: {} });

    // The data is worth the test: every layer, tags of every kind, churn flags with reasons.
    const layers = new Map<string, number>();
    for (const m of reference.values()) layers.set(m.facts.layer, (layers.get(m.facts.layer) ?? 0) + 1);
    for (const layer of LAYER_KEYS) expect(layers.get(layer) ?? 0, `members in layer ${layer}`).toBeGreaterThan(members / 200);
    const tagged = new Map<string, number>();
    for (const m of reference.values()) for (const tag of m.tags) tagged.set(tag, (tagged.get(tag) ?? 0) + 1);
    for (const tag of ['rule:checkin-star', 'rule:silent', 'rule:sharer', 'rule:referrer', 'rule:lottery-fan', 'rule:coupon-sensitive', 'rule:member-day', 'rule:flash-sale', 'rule:night-market', 'rule:new-arrivals', 'rule:birthday-month', 'rule:size:M']) {
      expect(tagged.get(tag) ?? 0, `members tagged ${tag}`).toBeGreaterThan(0);
    }

    // layer_sizes: one count per layer, summing to the members with facts.
    const { rows: sizes } = await t.db.query<{ layer: string; members: number }>(`select layer, members from layer_sizes where day = $1`, [D]);
    expect(sizes.reduce((s, r) => s + r.members, 0)).toBe(reference.size);
    expect(Object.fromEntries(sizes.map((r) => [r.layer, r.members]))).toEqual(Object.fromEntries(layers));

    // Saved segments: version 1, ready, the evaluator's members, all of them entered.
    for (const [name, rule] of Object.entries(RULES)) {
      const id = ids[name as keyof typeof RULES];
      const want = referenceMembers(reference, parse(rule));
      expect(want.length, `members of ${name}`).toBeGreaterThan(0);
      expect(await segmentRow(t.db, id)).toEqual({ id, version: 1, status: 'ready', member_count: want.length, entered: want.length, exited: 0, error: null });
      expect(await segmentMembers(t.db, id, 1)).toEqual(want);
    }
  }, SLOW);

  it('after the data changes (tiers moved), a recompute makes version 2 with who entered and who left', async () => {
    const before = {
      mixed: referenceMembers(reference, parse(RULES.mixed)),
      gold: referenceMembers(reference, parse(RULES.gold)),
      buyers: referenceMembers(reference, parse(RULES.buyers)),
    };
    await t.db.query(`update members set tier = 'gold' where role = 'member' and id % 7 = 0 and tier <> 'gold'`);
    await t.db.query(`update members set tier = 'silver' where role = 'member' and id % 11 = 0 and id % 7 <> 0 and tier = 'gold'`);
    for (const m of data.members) {
      if (m.role !== 'member') continue;
      if (m.id % 7 === 0) m.tier = 'gold';
      else if (m.id % 11 === 0 && m.tier === 'gold') m.tier = 'silver';
    }
    reference = referenceSegmentation(data, brand);
    await forget(t.db);
    expect((await runForDay(t.db))?.run?.state).toBe('finished');

    expect(mismatches(await readSegmentation(t.db), reference)).toEqual({ missing: [], extra: [], fields: {} });
    for (const name of Object.keys(RULES) as Array<keyof typeof RULES>) {
      const id = ids[name];
      const want = referenceMembers(reference, parse(RULES[name]));
      const moved = diff(before[name], want);
      if (name === 'gold') expect(moved.entered * moved.exited, 'the tier change moves members both ways').toBeGreaterThan(0);
      else expect(moved).toEqual({ entered: 0, exited: 0 });
      expect(await segmentRow(t.db, id)).toEqual({ id, version: 2, status: 'ready', member_count: want.length, ...moved, error: null });
      expect(await segmentMembers(t.db, id, 2)).toEqual(want);
      // The version before is kept (readers on it finish), no older one.
      expect(await segmentMembers(t.db, id, 1)).toEqual(before[name]);
    }
  }, SLOW);

  it('a segment whose rule fails at run time keeps its previous version readable, failed with the error; the others go on', async () => {
    const id = ids.buyers;
    const previous = await segmentRow(t.db, id);
    const previousMembers = await segmentMembers(t.db, id, previous.version);
    await t.db.query(`update segments set rule = $2::jsonb where id = $1`, [id, JSON.stringify({ field: 'noSuchField', op: 'gte', value: 1 })]);
    await forget(t.db);
    const report = await runForDay(t.db);
    expect(report?.run?.state).toBe('finished');
    expect(report?.result).toMatchObject({ segments: 2, segmentsFailed: 1 });

    const failed = await segmentRow(t.db, id);
    expect(failed).toMatchObject({ version: previous.version, status: 'failed', member_count: previous.member_count });
    expect(failed.error).toMatch(/noSuchField/);
    expect(await segmentMembers(t.db, id, failed.version)).toEqual(previousMembers);
    expect(await segmentRow(t.db, ids.mixed)).toMatchObject({ version: 3, status: 'ready', entered: 0, exited: 0 });
    await t.db.query(`delete from segments where id = $1`, [id]);
  }, SLOW);

  it('running the job again for the same day gives the same result', async () => {
    const snapshot = async () => ({
      members: await readSegmentation(t.db),
      sizes: (await t.db.query(`select day, layer, members from layer_sizes order by day, layer`)).rows,
      moves: (await t.db.query(`select day, from_layer, to_layer, members from layer_movements order by 1, 2, 3`)).rows,
      tags: (await t.db.query(`select member_id, tag_key, source, reason, added_at from member_tags order by member_id, tag_key`)).rows,
    });
    const first = await snapshot();
    const version = (await segmentRow(t.db, ids.mixed)).version;
    await forget(t.db);
    expect((await runForDay(t.db))?.run?.state).toBe('finished');
    const second = await snapshot();
    expect(mismatches(second.members, first.members)).toEqual({ missing: [], extra: [], fields: {} });
    expect(second.sizes).toEqual(first.sizes);
    expect(second.moves).toEqual(first.moves);
    expect(second.tags.length).toBe(first.tags.length);
    expect(second.tags).toEqual(first.tags);
    expect(await segmentRow(t.db, ids.mixed)).toMatchObject({ version: version + 1, status: 'ready', entered: 0, exited: 0 });
  }, SLOW);

  it('two instances running the job at once: one run, one new version per segment, no duplicate rows, the evaluator\'s members', async () => {
    await forget(t.db);
    const versions = { mixed: (await segmentRow(t.db, ids.mixed)).version, gold: (await segmentRow(t.db, ids.gold)).version };
    const reports = await Promise.all([runForDay(t.db, { instance: 'instance-a' }), runForDay(t.db, { instance: 'instance-b' })]);
    const states = reports.map((r) => r?.run?.state ?? null).sort();
    expect(states.filter((s) => s === 'finished')).toHaveLength(1);
    expect(states.filter((s) => s !== 'finished' && s !== null && s !== 'taken-over')).toEqual([]);

    expect(mismatches(await readSegmentation(t.db), reference)).toEqual({ missing: [], extra: [], fields: {} });
    const { rows: dupes } = await t.db.query(
      `select 'facts' as t, member_id::text as k from member_facts group by member_id having count(*) > 1
       union all select 'tags', member_id || ':' || tag_key from member_tags group by member_id, tag_key having count(*) > 1
       union all select 'segment', segment_id || ':' || member_id from segment_members where until_version is null group by 1, 2 having count(*) > 1`,
    );
    expect(dupes).toEqual([]);
    for (const name of ['mixed', 'gold'] as const) {
      const row = await segmentRow(t.db, ids[name]);
      expect(row).toMatchObject({ version: versions[name] + 1, status: 'ready', entered: 0, exited: 0 });
      expect(await segmentMembers(t.db, ids[name], row.version)).toEqual(referenceMembers(reference, parse(RULES[name])));
      // The version before stays readable; nothing older is kept.
      expect(await segmentMembers(t.db, ids[name], row.version - 1)).toEqual(referenceMembers(reference, parse(RULES[name])));
      const { rows } = await t.db.query<{ n: number }>(`select count(*)::int as n from segment_members where segment_id = $1 and until_version <= $2`, [
        ids[name],
        row.version - 1,
      ]);
      expect(rows[0]!.n).toBe(0);
    }
  }, SLOW);

  // PGlite has one connection: two transactions at once exist only on PostgreSQL.
  if (backend === 'postgres')
    it('two computations of one segment at once (PostgreSQL): one after the other, a version each, the same members', async () => {
    const id = ids.gold;
    const before = (await segmentRow(t.db, id)).version;
    const want = referenceMembers(reference, parse(RULES.gold));
    const results = await Promise.all([0, 1].map(() => t.db.transaction((tx) => computeSegment(tx, id, NOW))));
    expect(results.map((r) => r!.version).sort()).toEqual([before + 1, before + 2]);
    const later = results.find((r) => r!.version === before + 2)!;
    expect(later).toMatchObject({ members: want.length, entered: 0, exited: 0 });
    expect(await segmentRow(t.db, id)).toMatchObject({ version: before + 2, status: 'ready', member_count: want.length, entered: 0, exited: 0 });
    expect(await segmentMembers(t.db, id, before + 1)).toEqual(want);
    expect(await segmentMembers(t.db, id, before + 2)).toEqual(want);
    // One open span per member: the two computations wrote no member twice.
    const { rows } = await t.db.query<{ n: number }>(`select count(*)::int as n from segment_members where segment_id = $1 and until_version is null`, [id]);
    expect(rows[0]!.n).toBe(want.length);
  }, SLOW);

  it('written afresh (another definitions version), the read model is the one the nightly update made', async () => {
    // The run before (two instances at once) updated the read model.
    const updated = await readSegmentation(t.db);
    await t.db.query(`update facts_state set version = 0`);
    await forget(t.db);
    const report = await runForDay(t.db);
    expect(report?.result).toMatchObject({ factsAfresh: updated.size });
    expect(mismatches(await readSegmentation(t.db), updated)).toEqual({ missing: [], extra: [], fields: {} });
  }, SLOW);

  it('a tag that counts days comes without the row changing: 生日月 on the first of the month, for members the night did not rewrite', async () => {
    const july = '2026-07-01';
    const { rows: before } = await t.db.query<{ run: number }>('select run from facts_state');
    const report = await runJob(t.db, segmentationJob, { brand, day: july, now: at(`${july} 01:00:00`) });
    expect(report?.result).toMatchObject({ factsListed: expect.any(Number) });
    const { rows } = await t.db.query<{ untouched: number; wrong: number }>(
      `select count(*) filter (where f.birthday_month = 7 and f.changed_in <= $1)::int as untouched,
              count(*) filter (where coalesce(f.birthday_month = 7, false) is distinct from exists (
                select 1 from member_tags g where g.member_id = f.member_id and g.tag_key = 'rule:birthday-month'))::int as wrong
       from member_facts f`,
      [before[0]!.run],
    );
    expect(rows[0]!.untouched, 'July birthdays whose rows the night left alone').toBeGreaterThan(0);
    expect(rows[0]!.wrong).toBe(0);
  }, SLOW);
});
