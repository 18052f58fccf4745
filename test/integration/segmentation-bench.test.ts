/**
 * bench:segments at a small scale, with its results asserted: the same generator
 * (test/bench/segmentation-data.ts) and the same measures as the 1 M bench, on a few thousand
 * members — the data lands in the schema the migrations made (indexes dropped for the bulk insert
 * come back as they were), the nightly run finishes with every member in exactly one layer, the
 * hand-written NTILE reference scores the same members the same, and churn recall and precision
 * come out in a sane range (the 1 M goals are the bench's, not this test's).
 */
import { describe, expect, it } from 'vitest';
import { LAYER_KEYS } from '@cloud/domain/value-layers';
import { runJob } from '@cloud/services/jobs/run-job';
import { segmentationJob } from '@cloud/services/segments/segmentation-job';
import { loadBrandSettings } from '@cloud/services/settings/brand-settings-store';
import {
  BENCH_SEGMENTS,
  churnQuality,
  generateSegmentationData,
  insertBenchSegments,
  parseRule,
  PREVIEW_RULES,
  previewByHand,
  referenceDisagreements,
  referenceRfm,
} from '../bench/segmentation-data';
import { postgresUrl, useTestDatabase } from '../support/databases';

const MEMBERS = 3_000;
const DAY = '2025-06-30';

// The bench is PostgreSQL's (BENCH_DATABASE_URL): its small run goes with the PostgreSQL suites
// (skipped, loudly, without DATABASE_URL).
describe.skipIf(!postgresUrl)('bench:segments at 3,000 members on postgres', () => {
  const t = useTestDatabase('postgres');

  it(`generates ${MEMBERS} members with a year of activity, recomputes, and measures against the reference and the known stops`, async () => {
    const db = t.db;
    const indexes = () =>
      db.query<{ def: string }>(`select indexdef as def from pg_indexes where schemaname = current_schema() and tablename not like 'bench%' order by indexname`);
    const before = (await indexes()).rows;
    const brand = await loadBrandSettings(db);

    const generated = await generateSegmentationData(db, { members: MEMBERS, day: DAY, timeZone: brand.timeZone });
    expect((await indexes()).rows).toEqual(before);
    // Roughly the bench's proportions: ~20 check-ins and ~5 paid orders per member and year.
    expect(generated.rows.checkins! / MEMBERS).toBeGreaterThan(12);
    expect(generated.rows.checkins! / MEMBERS).toBeLessThan(30);
    expect(generated.rows.orders! / MEMBERS).toBeGreaterThan(3);
    expect(generated.rows.orders! / MEMBERS).toBeLessThan(8);
    const stops = Number((await db.query<{ n: string }>(`select count(*) as n from bench_stops`)).rows[0]!.n);
    expect(stops / MEMBERS).toBeGreaterThan(0.07);
    expect(stops / MEMBERS).toBeLessThan(0.13);
    // The streaks are runs of consecutive check-in days.
    const { rows: streaks } = await db.query<{ wrong: string }>(
      `select count(*) as wrong from checkins c left join checkins p on p.member_id = c.member_id and p.day = c.day - 1
       where c.streak <> coalesce(p.streak, 0) + 1`,
    );
    expect(Number(streaks[0]!.wrong)).toBe(0);

    const now = new Date(`${DAY}T23:00:00+08:00`);
    expect(await insertBenchSegments(db, now)).toBe(BENCH_SEGMENTS.length);
    const report = await runJob(db, segmentationJob, { brand, day: DAY, now });
    expect(report?.run?.state).toBe('finished');

    // Every member has exactly one facts row, in exactly one known layer.
    const { rows: layered } = await db.query<{ members: string; facts: string; unknown: string }>(
      `select (select count(*) from members where role = 'member' and deleted_at is null) as members,
              (select count(distinct member_id) from member_facts) as facts,
              (select count(*) from member_facts where not (layer = any($1::text[]))) as unknown`,
      [LAYER_KEYS],
    );
    expect(Number(layered[0]!.members)).toBe(MEMBERS);
    expect(Number(layered[0]!.facts)).toBe(MEMBERS);
    expect(Number(layered[0]!.unknown)).toBe(0);
    const { rows: segments } = await db.query<{ status: string; member_count: number }>(`select status, member_count from segments order by id`);
    expect(segments.map((s) => s.status)).toEqual(BENCH_SEGMENTS.map(() => 'ready'));
    expect(segments.some((s) => s.member_count > 0)).toBe(true);

    // The reference: one row per member with a paid order in the 365 days, scored as the run scored them.
    const reference = await referenceRfm(db, DAY, brand.timeZone);
    const { rows: buyers } = await db.query<{ n: string }>(
      `select count(distinct member_id) as n from orders
       where paid_at is not null and refunded_at is null and mall_item_id is null
         and (paid_at at time zone $1)::date > $2::date - 365 and (paid_at at time zone $1)::date <= $2::date`,
      [brand.timeZone, DAY],
    );
    expect(reference.rows).toBe(Number(buyers[0]!.n));
    expect(reference.rows).toBeGreaterThan(MEMBERS / 2);
    expect(await referenceDisagreements(db)).toEqual({ scored: reference.rows, reference: reference.rows, differ: 0 });

    // Preview counts agree with the saved segment of the same rule.
    const preview = await previewByHand(db, parseRule(PREVIEW_RULES[0]!.rule));
    expect(preview.count).toBe(segments[0]!.member_count);
    expect(preview.sample).toBe(Math.min(20, preview.count));

    const churn = await churnQuality(db, DAY);
    expect(churn.windowStoppers).toBeGreaterThan(10);
    expect(churn.flagged).toBeGreaterThan(10);
    // Sane, not the 1 M goals: stops of members who came weekly or more are mostly seen, and
    // most flags are real stops; monthly and rarer members cannot be flagged within 30 days.
    expect(churn.weeklyRecall).toBeGreaterThan(0.6);
    expect(churn.recall).toBeGreaterThan(0.3);
    expect(churn.recall).toBeLessThanOrEqual(churn.weeklyRecall);
    expect(churn.precision).toBeGreaterThan(0.5);
    expect(churn.precision).toBeLessThanOrEqual(1);
  }, 120_000);
});
