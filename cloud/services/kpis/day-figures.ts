/**
 * One brand day's figures (domain/kpis.ts, DayFigures), set-based: a dozen statements that each
 * read one day of one event table through its time index (migration 0018), never a whole table.
 * The nightly rollup (rollup.ts) stores them for a past day; admin.kpis computes today's with the
 * same code, so a day rolled up and the same day computed live agree.
 *
 * Some figures lean on the day before when its figures are at hand (they always are for the
 * rollup walking days in order, and for today once yesterday is rolled up):
 * - WAU and MAU, and the members who paid in the 7 and 30 days up to the day (paying members of
 *   近 7 天 and 近 30 天): the distinct members of the 6 and 29 days before (counted, and kept as
 *   bitmaps over member ids, by the day before's rollup) plus the day's members whose bit is not
 *   set (one bit test each: no look into 30 days of visits or orders). Without the day before,
 *   and always in the rollup (which makes the next day's counts and bitmaps), they are counted
 *   over the 7 and 30 days of member_visits and of paid orders;
 * - total members and points liability: the day before's plus the day's changes; without it,
 *   counted whole (the liability as today's balances less what the ledger booked since);
 * - points expiring next month, live: the night's snapshot, while it speaks of the same month.
 */
import type { Queryable } from '../../db/port';
import type { BrandSettings } from '../../domain/brand-settings';
import { addDays, endOfMonth, startOfBusinessDay } from '../../domain/business-day';
import {
  MEMBER_SOURCES,
  nextMonth,
  STREAK_BUCKET_KEYS,
  streakBucketSql,
  weekStart,
  zeroSources,
  zeroStreaks,
  type CohortWeekActivity,
  type DayFigures,
  type MemberSource,
  type StreakBucketKey,
} from '../../domain/kpis';
import { isoWeekday } from '../../domain/member-day';

/** A brand day as the instants it runs between: [start, end). */
export interface DayWindow {
  day: string;
  start: Date;
  end: Date;
}

export function dayWindow(day: string, timeZone: string): DayWindow {
  return { day, start: startOfBusinessDay(day, timeZone), end: startOfBusinessDay(addDays(day, 1), timeZone) };
}

/** How a day's figures are made. */
export interface DayFiguresOptions {
  /** The clock: "points expiring next month" is only known near the day (SNAPSHOT_HOURS). */
  now: Date;
  /** The day before's figures, when rolled up. */
  previous: DayFigures | null;
  /** kpi_window_bits holds the day before's bitmaps (who came and who paid in the 6 and 29 days up to it): today's windows start from them. */
  bitsBefore?: boolean;
  /** The rollup: counts WAU and MAU over their windows (and the next day's starting counts and bitmaps) and, on a Sunday, the week's cohorts. */
  rollup: boolean;
}

/** Lots expiring next month are a snapshot: taken up to this long after the day ended, else unknown (a backfill long after). */
const SNAPSHOT_HOURS = 36;

const int = (value: unknown) => Number(value ?? 0);

/**
 * Per guide (role guide) for one day: product and invite cards shared, clicks (a viewer's first
 * open of a share: UV per share), paid orders through their shares and their goods (total −
 * shipping). Params: $1 the day, $2 its start, $3 its end (at the offsets given).
 */
export function guidesDaySql(p = 1): string {
  const [day, start, end] = [`$${p}`, `$${p + 1}`, `$${p + 2}`];
  // A click's and an order's sharer by the share's key, one probe each: the day's few thousand
  // rows, never a join that reads every share; the guides by their own small index.
  return `select ${day}::date as day, a.guide_id, a.shares, a.clicks, a.orders, a.gmv_fen
     from (
       select x.guide_id, sum(x.shares)::int as shares, sum(x.clicks)::int as clicks, sum(x.orders)::int as orders, sum(x.gmv_fen)::int8 as gmv_fen
       from (
         select sharer_id as guide_id, 1 as shares, 0 as clicks, 0 as orders, 0 as gmv_fen
         from shares where created_at >= ${start} and created_at < ${end}
         union all
         select (select s.sharer_id from shares s where s.id = k.share_id), 0, 1, 0, 0
         from share_clicks k where k.first_clicked_at >= ${start} and k.first_clicked_at < ${end}
         union all
         select (select s.sharer_id from shares s where s.id = o.share_id), 0, 0, 1, o.total_fen - o.shipping_fen
         from orders o where o.paid_at >= ${start} and o.paid_at < ${end} and o.share_id is not null
       ) x
       group by x.guide_id
     ) a
     where exists (select 1 from members g where g.id = a.guide_id and g.role = 'guide')`;
}

/**
 * Per WeChat group for one day: members seen in it (group_visits), clicks from it (first opens of
 * a share there), paid orders attributed to it and their goods. Params as guidesDaySql.
 */
export function groupsDaySql(p = 1): string {
  const [day, start, end] = [`$${p}`, `$${p + 1}`, `$${p + 2}`];
  return `select ${day}::date as day, x.group_id, sum(x.active)::int as active_members, sum(x.clicks)::int as clicks,
       sum(x.orders)::int as orders, sum(x.gmv_fen)::int8 as gmv_fen
     from (
       select group_id, count(*) as active, 0 as clicks, 0 as orders, 0 as gmv_fen
       from group_visits where day = ${day}::date group by group_id
       union all
       select group_id, 0, count(*), 0, 0
       from share_clicks where group_id is not null and first_clicked_at >= ${start} and first_clicked_at < ${end} group by group_id
       union all
       select group_id, 0, 0, count(*), sum(total_fen - shipping_fen)
       from orders where group_id is not null and paid_at >= ${start} and paid_at < ${end} group by group_id
     ) x
     group by x.group_id`;
}

async function newMembers(q: Queryable, w: DayWindow, previous: DayFigures | null) {
  const [bySource, total] = await Promise.all([
    q.query<{ source: MemberSource; n: number }>(
      `select coalesce(source, 'direct') as source, count(*)::int as n from members
       where created_at >= $1 and created_at < $2 group by 1`,
      [w.start, w.end],
    ),
    previous
      ? q.query<{ n: string }>(
          `select (select count(*) from members where created_at >= $1 and created_at < $2)
                - (select count(*) from members where deleted_at >= $1 and deleted_at < $2 and created_at < $2) as n`,
          [w.start, w.end],
        )
      : q.query<{ n: string }>(
          `select count(*) as n from members where created_at < $1 and (deleted_at is null or deleted_at >= $1)`,
          [w.end],
        ),
  ]);
  const sources = zeroSources();
  for (const r of bySource.rows) if (MEMBER_SOURCES.includes(r.source)) sources[r.source] += r.n;
  return { newMembers: sources, totalMembers: (previous?.totalMembers ?? 0) + int(total.rows[0]?.n) };
}

/** Distinct members (who visited; who paid) in the 1, 6, 7, 29 and 30 days up to a day. */
export interface WindowCounts {
  d1: number;
  d6: number;
  d7: number;
  d29: number;
  d30: number;
}

/** The same members of the 6 and 29 days up to a day, as bitmaps over member ids (bit n of byte n / 8, least significant first). */
export interface WindowBits {
  d6: Uint8Array;
  d29: Uint8Array;
}

/** A rolled-up day's bitmaps (kpi_window_bits): who visited, who paid. */
export interface DayBits {
  visited: WindowBits;
  paid: WindowBits;
}

/**
 * A stored bitmap, read once per statement (an uncorrelated scalar subquery is an InitPlan) and
 * copied out of TOAST by the `||`, so that each bit test reads memory, not a compressed value.
 */
const storedBits = (column: string, day: string) => `(select ${column} || '\\x'::bytea from kpi_window_bits where day = ${day}::date)`;

/** Not set in `bits`: the member was not among them (an id past its end joined since). */
const notSeen = (bits: string) => `case when v.member_id < length(${bits})::int8 * 8 then get_bit(${bits}, v.member_id) else 0 end = 0`;

/**
 * Over the 30 days up to $1: `last` gives each member's latest day in them (member_id, last).
 * Counts the windows, and with `bits` makes the 6- and 29-day bitmaps.
 */
async function windowsWhole(q: Queryable, last: string, params: unknown[], bits: boolean): Promise<{ counts: WindowCounts; bits: WindowBits | null }> {
  const flag = `$${params.length + 1}::boolean`;
  const bit = (window: number) => `bit_or(case when last >= $1::date - ${window} then 1 << (member_id % 8)::int else 0 end)`;
  const bytes = (column: string) => `decode(string_agg(lpad(to_hex(coalesce(b.${column}, 0)), 2, '0'), '' order by g.i), 'hex')`;
  const { rows } = await q.query<WindowCounts & { b6: Uint8Array | null; b29: Uint8Array | null }>(
    `with last as materialized (${last}), counts as (
       select count(*) filter (where last = $1::date)::int as d1,
              count(*) filter (where last >= $1::date - 5)::int as d6,
              count(*) filter (where last >= $1::date - 6)::int as d7,
              count(*) filter (where last >= $1::date - 28)::int as d29,
              count(*)::int as d30
       from last
     ), b as (
       select member_id / 8 as i, ${bit(5)} as w, ${bit(28)} as m from last where ${flag} group by 1
     ), bitmaps as (
       select ${bytes('w')} as b6, ${bytes('m')} as b29
       from generate_series(0, (select coalesce(max(member_id), 0) from last) / 8) g(i) left join b on b.i = g.i
       where ${flag}
     )
     select counts.*, bitmaps.b6, bitmaps.b29 from counts left join bitmaps on true`,
    [...params, bits],
  );
  const { b6, b29, ...counts } = rows[0]!;
  return { counts, bits: bits && b6 && b29 ? { d6: b6, d29: b29 } : null };
}

/** The day's members (`today`: member_id) and how many of them are not in the day before's stored bitmaps (`columns`). */
async function windowsChained(q: Queryable, today: string, params: unknown[], dayBefore: string, columns: [string, string]) {
  const day = `$${params.length + 1}`;
  const [b6, b29] = [storedBits(columns[0], day), storedBits(columns[1], day)];
  const { rows } = await q.query<{ d1: number; new7: number; new30: number }>(
    `select count(*)::int as d1, count(*) filter (where ${notSeen(b6)})::int as new7, count(*) filter (where ${notSeen(b29)})::int as new30
     from (${today}) v`,
    [...params, dayBefore],
  );
  return rows[0]!;
}

const VISITS_LAST = `select member_id, max(day) as last from member_visits where day between $1::date - 29 and $1::date group by member_id`;
const VISITS_TODAY = `select member_id from member_visits where day = $1::date`;
const PAYERS_LAST = `select member_id, max((paid_at at time zone $2)::date) as last from orders where paid_at >= $3 and paid_at < $4 group by member_id`;
const PAYERS_TODAY = `select distinct member_id from orders where paid_at >= $1 and paid_at < $2`;

/**
 * DAU, WAU and MAU, and the members who paid in the 7 and 30 days up to the day: chained from the
 * day before's counts and bitmaps when at hand (live), else counted whole (and in the rollup,
 * with the next day's starting counts and bitmaps).
 */
async function windows(q: Queryable, w: DayWindow, timeZone: string, previous: DayFigures | null, bitsBefore: boolean, rollup: boolean) {
  const month = [w.day, timeZone, startOfBusinessDay(addDays(w.day, -29), timeZone), w.end];
  const [v6, v29, p6, p29] = [previous?.visitors6, previous?.visitors29, previous?.payers?.d6, previous?.payers?.d29];
  if (!rollup && bitsBefore && v6 !== undefined && v29 !== undefined && p6 !== undefined && p29 !== undefined) {
    const before = addDays(w.day, -1);
    const [v, p] = await Promise.all([
      windowsChained(q, VISITS_TODAY, [w.day], before, ['visited6', 'visited29']),
      windowsChained(q, PAYERS_TODAY, [w.start, w.end], before, ['paid6', 'paid29']),
    ]);
    return {
      figures: { dau: v.d1, wau: v6 + v.new7, mau: v29 + v.new30, payers: { d7: p6 + p.new7, d30: p29 + p.new30 } },
      bits: null,
    };
  }
  const [v, p] = await Promise.all([windowsWhole(q, VISITS_LAST, [w.day], rollup), windowsWhole(q, PAYERS_LAST, month, rollup)]);
  return {
    figures: {
      dau: v.counts.d1,
      wau: v.counts.d7,
      mau: v.counts.d30,
      ...(rollup ? { visitors6: v.counts.d6, visitors29: v.counts.d29 } : {}),
      payers: rollup ? { d6: p.counts.d6, d7: p.counts.d7, d29: p.counts.d29, d30: p.counts.d30 } : { d7: p.counts.d7, d30: p.counts.d30 },
    },
    bits: v.bits && p.bits ? { visited: v.bits, paid: p.bits } : null,
  };
}

async function checkins(q: Queryable, w: DayWindow) {
  const [counts, streaks] = await Promise.all([
    q.query<{ checkins: number; makeups: number }>(
      `select (select count(*) from checkins where day = $1::date and kind = 'checkin')::int as checkins,
              (select count(*) from checkins where kind = 'makeup' and created_at >= $2 and created_at < $3)::int as makeups`,
      [w.day, w.start, w.end],
    ),
    // A streak is alive on the day when its member checked in that day, or the day before (the
    // day's check-in may yet come): the latest of the two counts. Streaks keep that a check-in the
    // day after another has its streak + 1 (domain/streak.ts; a 补签 renumbers the days after it),
    // so the members of both days are the day's check-ins of streak s ≥ 2, whose check-in the day
    // before had s − 1: the day's buckets, plus the day before's, less those. Two plain scans of
    // one day's check-ins each, no join of the two.
    q.query<{ bucket: StreakBucketKey; n: number }>(
      `select ${streakBucketSql('a.s')} as bucket, sum(a.n)::int as n
       from (
         select c.streak as s, 1 as n from checkins c where c.day = $1::date - 1
         union all
         select x.s, x.n from checkins c cross join lateral (values (c.streak, 1), (c.streak - 1, -1)) x(s, n)
         where c.day = $1::date and x.s >= 1
       ) a
       group by 1`,
      [w.day],
    ),
  ]);
  const buckets = zeroStreaks();
  for (const r of streaks.rows) if (STREAK_BUCKET_KEYS.includes(r.bucket)) buckets[r.bucket] = r.n;
  return { ...counts.rows[0]!, streaks: buckets };
}

async function points(q: Queryable, w: DayWindow, previous: DayFigures | null, now: Date, rollup: boolean) {
  const month = nextMonth(w.day);
  // A slow stock: live, the night's snapshot stands for the day while it speaks of the same month
  // (reading the lots costs more than the rest of the day's points; spending reaches next month's
  // lots only after this month's).
  const kept = !rollup && previous?.points.expiringNextMonth != null && nextMonth(previous.day) === month ? previous.points.expiringNextMonth : null;
  const snapshot = kept === null && now.getTime() - w.end.getTime() <= SNAPSHOT_HOURS * 3_600_000;
  const [moves, liability, expiring] = await Promise.all([
    q.query<{ issued: string; redeemed: string; expired: string }>(
      `select coalesce(sum(delta) filter (where delta > 0), 0) as issued,
              coalesce(-sum(delta) filter (where delta < 0 and source <> 'expire'), 0) as redeemed,
              coalesce(-sum(delta) filter (where delta < 0 and source = 'expire'), 0) as expired
       from points_ledger where created_at >= $1 and created_at < $2`,
      [w.start, w.end],
    ),
    previous
      ? null
      : q.query<{ n: string }>(
          `select (select coalesce(sum(points_balance), 0) from members)
                - (select coalesce(sum(delta), 0) from points_ledger where created_at >= $1) as n`,
          [w.end],
        ),
    snapshot
      ? q.query<{ n: string }>(
          `select coalesce(sum(remaining), 0) as n from points_lots where remaining > 0 and expires_on between $1::date and $2::date`,
          [`${month}-01`, endOfMonth(`${month}-01`)],
        )
      : null,
  ]);
  const m = moves.rows[0]!;
  const [issued, redeemed, expired] = [int(m.issued), int(m.redeemed), int(m.expired)];
  return {
    issued,
    redeemed,
    expired,
    liability: previous ? previous.points.liability + issued - redeemed - expired : int(liability!.rows[0]?.n),
    expiringNextMonth: kept ?? (expiring ? int(expiring.rows[0]?.n) : null),
  };
}

async function lotteryAndCoupons(q: Queryable, w: DayWindow) {
  const [draws, prizes, coupons] = await Promise.all([
    q.query<{ n: number }>(`select count(*)::int as n from lottery_draws where created_at >= $1 and created_at < $2`, [w.start, w.end]),
    // A draw that won names its prize (one that lost names the campaign's 谢谢参与): awards per prize, at the prize's value.
    q.query<{ prize_id: string; awards: number; cost_fen: string }>(
      `select d.prize_id, count(*)::int as awards, sum(p.value_fen)::int8 as cost_fen
       from lottery_draws d join lottery_prizes p on p.id = d.prize_id
       where d.created_at >= $1 and d.created_at < $2 and p.kind <> 'none'
       group by d.prize_id order by d.prize_id`,
      [w.start, w.end],
    ),
    q.query<{ issued: number; used: number }>(
      `select (select count(*) from coupons where issued_at >= $1 and issued_at < $2)::int as issued,
              (select count(*) from coupons where used_at >= $1 and used_at < $2)::int as used`,
      [w.start, w.end],
    ),
  ]);
  return {
    lottery: { draws: draws.rows[0]!.n, prizes: prizes.rows.map((r) => ({ prizeId: r.prize_id, awards: r.awards, costFen: int(r.cost_fen) })) },
    coupons: coupons.rows[0]!,
  };
}

async function orders(q: Queryable, w: DayWindow, brand: BrandSettings) {
  const nightCategory = brand.nightMarket.categoryByWeekday[isoWeekday(w.day) - 1] ?? null;
  const [placed, paid, nightVisitors] = await Promise.all([
    q.query<{ created: number; created_paid: number; refunds: number; refund_fen: string }>(
      `select c.created, c.created_paid, r.refunds, r.refund_fen
       from (select count(*)::int as created, count(*) filter (where paid_at is not null)::int as created_paid
             from orders where created_at >= $1 and created_at < $2) c,
            (select count(*)::int as refunds, coalesce(sum(total_fen), 0)::int8 as refund_fen
             from orders where refunded_at >= $1 and refunded_at < $2) r`,
      [w.start, w.end],
    ),
    // The day's paid orders read once: in all, per night-market category, per launch product.
    q.query<{ kind: 'all' | 'night' | 'launch'; key: string | null; orders: number; qty: number; gmv_fen: string; members: number }>(
      `with paid as materialized (
         select member_id, total_fen - shipping_fen as goods, category_id, product_id, qty, night_market, paid_at
         from orders where paid_at >= $1 and paid_at < $2
       )
       select 'all' as kind, null as key, count(*)::int as orders, 0 as qty, coalesce(sum(goods), 0)::int8 as gmv_fen,
              count(distinct member_id)::int as members
       from paid
       union all
       select 'night', category_id::text, count(*)::int, 0, sum(goods)::int8, 0
       from paid where night_market and category_id is not null group by category_id
       union all
       select 'launch', p.product_id::text, count(*)::int, sum(p.qty)::int, sum(p.goods)::int8, 0
       from paid p join products pr on pr.id = p.product_id
       where pr.launch_starts_at is not null and p.paid_at >= pr.launch_starts_at and (pr.launch_ends_at is null or p.paid_at < pr.launch_ends_at)
       group by p.product_id`,
      [w.start, w.end],
    ),
    // Views are kept per member, product and day, not by the hour: the night's visitors are the
    // members who looked at its category on the day the night began.
    nightCategory
      ? q.query<{ n: number }>(
          `select count(distinct v.member_id)::int as n from product_views v join products p on p.id = v.product_id
           where v.day = $1::date and p.category_id = $2`,
          [w.day, nightCategory],
        )
      : null,
  ]);
  const byKey = (kind: string) => paid.rows.filter((r) => r.kind === kind).sort((a, b) => Number(a.key) - Number(b.key));
  const all = byKey('all')[0]!;
  const night = byKey('night');
  const launches = byKey('launch');
  const t = placed.rows[0]!;
  const byCategory = new Map(night.map((r) => [r.key!, { categoryId: r.key!, visitors: 0, orders: r.orders, gmvFen: int(r.gmv_fen) }]));
  if (nightCategory) {
    const visitors = nightVisitors?.rows[0]?.n ?? 0;
    const seen = byCategory.get(nightCategory);
    if (seen) seen.visitors = visitors;
    else if (visitors > 0) byCategory.set(nightCategory, { categoryId: nightCategory, visitors, orders: 0, gmvFen: 0 });
  }
  return {
    orders: {
      created: t.created,
      createdPaid: t.created_paid,
      paid: all.orders,
      gmvFen: int(all.gmv_fen),
      payingMembers: all.members,
      refunds: t.refunds,
      refundFen: int(t.refund_fen),
    },
    night: [...byCategory.values()].sort((a, b) => Number(a.categoryId) - Number(b.categoryId)),
    launches: launches.map((r) => ({ productId: r.key!, orders: r.orders, qty: r.qty, gmvFen: int(r.gmv_fen) })),
  };
}

/**
 * The cohorts' activity in the week a Sunday closes: the members who joined that week, and per
 * cohort of the 8 weeks before it, how many of its members came (a member_visits day) this week.
 */
export async function cohortWeek(q: Queryable, sunday: string, timeZone: string): Promise<CohortWeekActivity> {
  const week = weekStart(sunday);
  const [size, active] = await Promise.all([
    q.query<{ n: number }>(`select count(*)::int as n from members where created_at >= $1 and created_at < $2`, [
      startOfBusinessDay(week, timeZone),
      startOfBusinessDay(addDays(sunday, 1), timeZone),
    ]),
    q.query<{ cohort: string; n: number }>(
      `select date_trunc('week', m.created_at at time zone $4)::date as cohort, count(*)::int as n
       from members m
       where m.created_at >= $1 and m.created_at < $2
         and exists (select 1 from member_visits v where v.member_id = m.id and v.day between $3::date and $3::date + 6)
       group by 1 order by 1`,
      [startOfBusinessDay(addDays(week, -56), timeZone), startOfBusinessDay(week, timeZone), week, timeZone],
    ),
  ]);
  return { week, members: size.rows[0]!.n, active: Object.fromEntries(active.rows.map((r) => [r.cohort, r.n])) };
}

/** The figures of brand day `day` (see the file's header), and in the rollup the day's bitmaps. */
export async function computeDay(
  q: Queryable,
  day: string,
  brand: BrandSettings,
  options: DayFiguresOptions,
): Promise<{ figures: DayFigures; bits: DayBits | null }> {
  const w = dayWindow(day, brand.timeZone);
  const previous = options.previous?.day === addDays(day, -1) ? options.previous : null;
  const sunday = options.rollup && isoWeekday(day) === 7;
  const [members, windowed, checked, pts, lc, sales, cohort] = await Promise.all([
    newMembers(q, w, previous),
    windows(q, w, brand.timeZone, previous, previous !== null && options.bitsBefore === true, options.rollup),
    checkins(q, w),
    points(q, w, previous, options.now, options.rollup),
    lotteryAndCoupons(q, w),
    orders(q, w, brand),
    sunday ? cohortWeek(q, day, brand.timeZone) : null,
  ]);
  const figures: DayFigures = {
    day,
    ...members,
    ...windowed.figures,
    ...checked,
    points: pts,
    ...lc,
    ...sales,
    ...(cohort ? { cohort } : {}),
  };
  return { figures, bits: windowed.bits };
}

export async function dayFigures(q: Queryable, day: string, brand: BrandSettings, options: DayFiguresOptions): Promise<DayFigures> {
  return (await computeDay(q, day, brand, options)).figures;
}
