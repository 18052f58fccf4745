/**
 * admin.kpis: the 运营 tab's figures for a period, with their change against the previous period
 * of the same length, and the series its charts draw.
 *
 * Past days are read from the nightly rollup (rollup.ts); today is computed live by the same
 * statements (day-figures.ts), as are the last two days when the job has not rolled them up yet
 * (just after midnight). Older days that were never rolled up are reported as missing, never
 * computed on a read. Guides and groups add up their daily rows in SQL, today's live rows among
 * them; paying members of 7 and 30 days come with the day they end on (its windows, like WAU and
 * MAU), of other lengths they are counted distinct from the orders' paid_at index.
 * Everything else is put together from the days' figures by the domain (domain/kpis.ts).
 * One read of the rollup, then every other statement at once.
 */
import { ERRORS, type AdminKpis, type KpiFigure, type KpiFigureKey, type KpiGroup, type KpiGuide } from '../../contract';
import { addDays, businessDay, toBrandIso } from '../../domain/business-day';
import {
  change,
  daysOf,
  emptyDay,
  MEMBER_SOURCE_NAMES,
  MEMBER_SOURCES,
  nextMonth,
  PERIOD_REFUSALS,
  periodTotals,
  pointsToFen,
  ratio,
  resolvePeriod,
  retentionTable,
  retentionWeeks,
  STREAK_BUCKETS,
  sundayOnOrBefore,
  upliftWindow,
  memberDayUplift,
  type CohortWeekActivity,
  type DayFigures,
  type DayRange,
  type KpiPeriod,
  type PeriodTotals,
} from '../../domain/kpis';
import { LAYER_KEYS, layerName, type LayerKey } from '../../domain/value-layers';
import type { Queryable } from '../../db/port';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { dayFigures, dayWindow, groupsDaySql, guidesDaySql } from './day-figures';
import { readsWithoutParallelWorkers } from './reads';

/** Past days the read computes itself when the rollup has not reached them: yesterday and the day before. */
const LIVE_PAST_DAYS = 2;
const GUIDES_LISTED = 50;
const GROUPS_LISTED = 20;
/** A group's conversion is ranked once it has this many clicks in the period. */
const CONVERSION_MIN_CLICKS = 10;

const minDay = (...days: Array<string | null | undefined>) => days.filter((d): d is string => !!d).sort()[0]!;
const int = (value: unknown) => Number(value ?? 0);

/** Series cover the period, or the week up to its end when it is shorter. */
function seriesWindow(period: DayRange & { days: number }): DayRange {
  return period.days >= 7 ? period : { from: addDays(period.to, -6), to: period.to };
}

/** Live rows of guidesDaySql / groupsDaySql for each live day, as `union all` arms after the params already taken. */
function liveArms(sql: (p: number) => string, days: string[], taken: number, timeZone: string) {
  const params: unknown[] = [];
  const arms = days.map((day, i) => {
    const w = dayWindow(day, timeZone);
    params.push(day, w.start, w.end);
    return sql(taken + 1 + i * 3);
  });
  return { arms, params };
}

export async function adminKpis(ctx: UseCaseContext, _actor: Actor, params: { period: KpiPeriod }): Promise<AdminKpis | Failure> {
  const { brand } = ctx;
  const db = readsWithoutParallelWorkers(ctx.db);
  const { timeZone } = brand;
  const today = businessDay(ctx.now, timeZone);
  const yesterday = addDays(today, -1);
  const period = resolvePeriod(params.period, today);
  if (typeof period === 'string') return fail('INVALID_PARAMS', `${ERRORS.INVALID_PARAMS.message}：${PERIOD_REFUSALS[period]}`);

  const weekday = brand.memberDay.weekday;
  const series = seriesWindow(period);
  const uplift = weekday === null ? null : upliftWindow(period, today, weekday);
  const lastSunday = sundayOnOrBefore(period.to < today ? period.to : yesterday);
  const cohortSundays = retentionWeeks(lastSunday).map((monday) => addDays(monday, 6));
  const first = minDay(period.previous.from, series.from, uplift?.from);
  const pastTo = period.to < today ? period.to : yesterday;

  // 1. What the rollup has; days before the first member joined are empty, not missing.
  const [rolled, opened] = await Promise.all([
    db.query<{ day: string; figures: DayFigures }>(
      `select day, figures from kpi_daily where day between $1::date and $2::date or day = any($3::date[]) order by day`,
      [first, pastTo, cohortSundays],
    ),
    db.query<{ day: string | null; bits: boolean }>(
      `select (select (min(created_at) at time zone $1)::date from members) as day, exists (select 1 from kpi_window_bits where day = $2::date) as bits`,
      [timeZone, yesterday],
    ),
  ]);
  const byDay = new Map(rolled.rows.map((r) => [r.day, r.figures]));
  const needed = daysOf({ from: first, to: period.to });
  const firstDay = opened.rows[0]?.day ?? today;
  for (const d of needed) if (d < firstDay && !byDay.has(d)) byDay.set(d, emptyDay(d));
  const unrolled = needed.filter((d) => d < today && !byDay.has(d));
  const livePast = unrolled.filter((d) => d >= addDays(today, -LIVE_PAST_DAYS));
  const liveDays = [...livePast, ...(period.to === today ? [today] : [])];
  const liveInPeriod = liveDays.filter((d) => d >= period.from && d <= period.to);
  // Paying members of 1, 7 or 30 days come with the day they end on (rolled up or live); other lengths are counted.
  const windowed = (range: DayRange) =>
    period.days === 1 || ((period.days === 7 || period.days === 30) && (liveDays.includes(range.to) || byDay.get(range.to)?.payers !== undefined));
  const known = (range: DayRange) => daysOf(range).every((d) => byDay.has(d) || liveDays.includes(d));

  // 2. The live days (in order: each leans on the one before), and everything else at once.
  const live = (async () => {
    for (const day of liveDays) {
      const previous = byDay.get(addDays(day, -1)) ?? null;
      const bitsBefore = day === today && !liveDays.includes(yesterday) && opened.rows[0]!.bits;
      byDay.set(day, await dayFigures(db, day, brand, { now: ctx.now, previous, bitsBefore, rollup: false }));
    }
  })();
  const [, guides, groups, layers, paying, names] = await Promise.all([
    live,
    guideRanking(db, timeZone, period, pastTo, liveInPeriod),
    groupRanking(db, timeZone, period, pastTo, liveInPeriod),
    layerFigures(db, period.to),
    payingMembers(db, timeZone, windowed(period) ? null : period, windowed(period.previous) || !known(period.previous) ? null : period.previous),
    nameLookups(db),
  ]);

  // 3. Put together.
  const daysIn = (range: DayRange) => daysOf(range).map((d) => byDay.get(d) ?? null);
  const current = daysIn(period);
  const previous = daysIn(period.previous);
  const present = (days: Array<DayFigures | null>) => days.filter((d): d is DayFigures => d !== null);
  const now = present(current).length ? periodTotals(present(current)) : null;
  const before = previous.every((d) => d !== null) ? periodTotals(previous as DayFigures[]) : null;
  const complete = current.every((d) => d !== null);

  const value = (t: PeriodTotals | null, pick: (t: PeriodTotals) => number | null) => (t ? pick(t) : null);
  const ending = (range: DayRange): number | null => {
    const end = byDay.get(range.to);
    return (period.days === 1 ? end?.orders.payingMembers : period.days === 7 ? end?.payers?.d7 : end?.payers?.d30) ?? null;
  };
  const payingNow = now ? (windowed(period) ? ending(period) : paying.current) : null;
  const payingBefore = before ? (windowed(period.previous) ? ending(period.previous) : paying.previous) : null;
  const picks: Record<KpiFigureKey, (t: PeriodTotals) => number | null> = {
    newMembers: (t) => t.newMembers,
    totalMembers: (t) => t.totalMembers,
    dau: (t) => t.dau,
    wau: (t) => t.wau,
    mau: (t) => t.mau,
    checkins: (t) => t.checkins,
    checkinRate: (t) => t.checkinRate,
    makeups: (t) => t.makeups,
    pointsIssued: (t) => t.pointsIssued,
    pointsRedeemed: (t) => t.pointsRedeemed,
    pointsExpired: (t) => t.pointsExpired,
    pointsLiability: (t) => t.pointsLiability,
    draws: (t) => t.draws,
    awards: (t) => t.awards,
    awardsCostFen: (t) => t.awardsCostFen,
    couponsIssued: (t) => t.couponsIssued,
    couponsUsed: (t) => t.couponsUsed,
    couponUseRate: (t) => t.couponUseRate,
    orders: (t) => t.orders,
    gmvFen: (t) => t.gmvFen,
    aovFen: (t) => t.aovFen,
    payingMembers: () => null,
    conversion: (t) => t.conversion,
    refunds: (t) => t.refunds,
    refundFen: (t) => t.refundFen,
  };
  const figures = {} as Record<KpiFigureKey, KpiFigure>;
  for (const key of Object.keys(picks) as KpiFigureKey[]) {
    const v = key === 'payingMembers' ? (now ? payingNow : null) : value(now, picks[key]);
    const p = key === 'payingMembers' ? payingBefore : value(before, picks[key]);
    figures[key] = { value: v, previous: p, change: complete ? change(v, p) : null };
  }

  const seriesDays = present(daysIn(series));
  const last = current[current.length - 1] ?? null;
  const month = nextMonth(period.to);
  const expiring = last?.points.expiringNextMonth ?? null;
  const fenPerPoint = brand.points.fenPerPoint;
  const cohortWeeks = new Map<string, CohortWeekActivity>();
  for (const sunday of cohortSundays) {
    const cohort = byDay.get(sunday)?.cohort;
    if (cohort) cohortWeeks.set(cohort.week, cohort);
  }

  return {
    period: { key: period.key, from: period.from, to: period.to, days: period.days, previous: period.previous },
    today,
    computedAt: toBrandIso(ctx.now, timeZone),
    coverage: {
      rolledUp: [...daysOf(period.previous), ...daysOf(period)].filter((d) => d < today && !unrolled.includes(d)).length,
      live: liveDays,
      missing: unrolled.filter((d) => !livePast.includes(d) && ((d >= period.from && d <= period.to) || (d >= period.previous.from && d <= period.previous.to))),
    },
    figures,
    growth: {
      series: seriesDays.map((d) => ({
        day: d.day,
        newMembers: MEMBER_SOURCES.reduce((s, k) => s + (d.newMembers[k] ?? 0), 0),
        bySource: d.newMembers,
        totalMembers: d.totalMembers,
      })),
      bySource: MEMBER_SOURCES.map((source) => ({ source, name: MEMBER_SOURCE_NAMES[source], members: now?.newBySource[source] ?? 0 })),
    },
    activity: {
      series: seriesDays.map((d) => ({ day: d.day, dau: d.dau, wau: d.wau, mau: d.mau, checkins: d.checkins, checkinRate: ratio(d.checkins, d.dau) })),
      streaks: STREAK_BUCKETS.map((b) => ({ key: b.key, label: b.label, members: now?.streaks[b.key] ?? 0 })),
    },
    retention: { lastWeek: addDays(lastSunday, -6), cohorts: retentionTable(cohortWeeks, lastSunday) },
    points: {
      series: seriesDays.map((d) => ({ day: d.day, issued: d.points.issued, redeemed: d.points.redeemed, expired: d.points.expired })),
      liability: { points: now?.pointsLiability ?? null, fen: now ? pointsToFen(now.pointsLiability, fenPerPoint) : null },
      fenPerPoint,
      expiringNextMonth: { month, points: expiring, fen: expiring === null ? null : pointsToFen(expiring, fenPerPoint) },
    },
    lottery: {
      series: seriesDays.map((d) => ({ day: d.day, draws: d.lottery.draws, awards: d.lottery.prizes.reduce((s, p) => s + p.awards, 0) })),
      prizes: (now?.prizes ?? [])
        .map((p) => {
          const prize = names.prizes.get(p.prizeId);
          return { prizeId: p.prizeId, name: prize?.name ?? '', campaignName: prize?.campaign ?? '', kind: prize?.kind ?? '', awards: p.awards, costFen: p.costFen };
        })
        .sort((a, b) => b.awards - a.awards || Number(a.prizeId) - Number(b.prizeId)),
    },
    coupons: { series: seriesDays.map((d) => ({ day: d.day, issued: d.coupons.issued, used: d.coupons.used })) },
    trade: {
      series: seriesDays.map((d) => ({ day: d.day, orders: d.orders.paid, gmvFen: d.orders.gmvFen, payingMembers: d.orders.payingMembers, refunds: d.orders.refunds })),
      memberDay:
        weekday === null || !uplift
          ? null
          : {
              ...memberDayUplift(
                present(daysIn(uplift)).map((d) => ({ day: d.day, gmvFen: d.orders.gmvFen })),
                weekday,
              ),
              ...uplift,
            },
      nightMarket: (now?.night ?? [])
        .map((n) => ({ ...n, name: names.categories.get(n.categoryId) ?? '' }))
        .sort((a, b) => b.gmvFen - a.gmvFen || Number(a.categoryId) - Number(b.categoryId)),
      launches: (now?.launches ?? [])
        .map((l) => {
          const product = names.products.get(l.productId);
          return {
            productId: l.productId,
            name: product?.name ?? '',
            launchStartsAt: product?.launch_starts_at ? toBrandIso(product.launch_starts_at, timeZone) : null,
            launchEndsAt: product?.launch_ends_at ? toBrandIso(product.launch_ends_at, timeZone) : null,
            orders: l.orders,
            qty: l.qty,
            gmvFen: l.gmvFen,
          };
        })
        .sort((a, b) => b.gmvFen - a.gmvFen || Number(a.productId) - Number(b.productId)),
    },
    guides,
    groups,
    layers,
  };
}

/** Paying members of ranges whose end day does not carry them (lengths other than 1, 7, 30): distinct members with an order paid in it. */
async function payingMembers(q: Queryable, timeZone: string, current: DayRange | null, previous: DayRange | null) {
  const count = async (range: DayRange | null) => {
    if (!range) return null;
    const { rows } = await q.query<{ n: number }>(
      `select count(distinct member_id)::int as n from orders where paid_at >= $1 and paid_at < $2`,
      [dayWindow(range.from, timeZone).start, dayWindow(range.to, timeZone).end],
    );
    return rows[0]!.n;
  };
  const [c, p] = await Promise.all([count(current), count(previous)]);
  return { current: c, previous: p };
}

async function guideRanking(q: Queryable, timeZone: string, period: DayRange, pastTo: string, liveDays: string[]): Promise<KpiGuide[]> {
  const { arms, params } = liveArms(guidesDaySql, liveDays, 2, timeZone);
  const { rows } = await q.query<{ guide_id: string; nickname: string | null; shares: number; clicks: number; orders: number; gmv_fen: string }>(
    `with d as (
       select guide_id, shares, clicks, orders, gmv_fen from kpi_daily_guides where day between $1::date and $2::date
       ${arms.map((sql) => `union all select guide_id, shares, clicks, orders, gmv_fen from (${sql}) l`).join('\n')}
     ), ranked as (
       select guide_id, sum(shares)::int as shares, sum(clicks)::int as clicks, sum(orders)::int as orders, sum(gmv_fen)::int8 as gmv_fen
       from d group by guide_id
       order by sum(gmv_fen) desc, sum(clicks) desc, guide_id
       limit ${GUIDES_LISTED}
     )
     -- Names of the listed only, by key: never a join that reads every member.
     select r.*, (select m.nickname from members m where m.id = r.guide_id) as nickname
     from ranked r order by r.gmv_fen desc, r.clicks desc, r.guide_id`,
    [period.from, pastTo, ...params],
  );
  return rows.map((r) => ({
    guideId: r.guide_id,
    nickname: r.nickname,
    shares: r.shares,
    clicks: r.clicks,
    orders: r.orders,
    gmvFen: int(r.gmv_fen),
    conversion: r.clicks > 0 ? Math.min(1, ratio(r.orders, r.clicks)!) : null,
  }));
}

async function groupRanking(
  q: Queryable,
  timeZone: string,
  period: DayRange & { days: number },
  pastTo: string,
  liveDays: string[],
): Promise<AdminKpis['groups']> {
  const { arms, params } = liveArms(groupsDaySql, liveDays, 2, timeZone);
  const { rows } = await q.query<{
    group_id: string;
    name: string | null;
    active: string;
    clicks: number;
    orders: number;
    gmv_fen: string;
    by_active: string;
    by_clicks: string;
    by_conversion: string | null;
  }>(
    `with d as (
       select group_id, active_members, clicks, orders, gmv_fen from kpi_daily_groups where day between $1::date and $2::date
       ${arms.map((sql) => `union all select group_id, active_members, clicks, orders, gmv_fen from (${sql}) l`).join('\n')}
     ), g as (
       select group_id, sum(active_members) as active, sum(clicks)::int as clicks, sum(orders)::int as orders, sum(gmv_fen)::int8 as gmv_fen
       from d group by group_id
     ), ranked as (
       select g.*,
              row_number() over (order by active desc, clicks desc, group_id) as by_active,
              row_number() over (order by clicks desc, active desc, group_id) as by_clicks,
              case when clicks >= ${CONVERSION_MIN_CLICKS} then
                row_number() over (order by clicks >= ${CONVERSION_MIN_CLICKS} desc, least(1, orders::float8 / greatest(clicks, 1)) desc, clicks desc, group_id)
              end as by_conversion
       from g
     )
     select r.group_id, (select w.name from wechat_groups w where w.group_id = r.group_id) as name,
            r.active, r.clicks, r.orders, r.gmv_fen, r.by_active, r.by_clicks, r.by_conversion
     from ranked r
     where r.by_active <= ${GROUPS_LISTED} or r.by_clicks <= ${GROUPS_LISTED} or r.by_conversion <= ${GROUPS_LISTED}`,
    [period.from, pastTo, ...params],
  );
  const view = (r: (typeof rows)[number]): KpiGroup => ({
    groupId: r.group_id,
    name: r.name,
    activeMembers: Math.round((int(r.active) / period.days) * 10) / 10,
    clicks: r.clicks,
    orders: r.orders,
    gmvFen: int(r.gmv_fen),
    conversion: r.clicks > 0 ? Math.min(1, ratio(r.orders, r.clicks)!) : null,
  });
  const by = (rank: (r: (typeof rows)[number]) => string | null) =>
    rows
      .filter((r) => rank(r) !== null && int(rank(r)) <= GROUPS_LISTED)
      .sort((a, b) => int(rank(a)) - int(rank(b)))
      .map(view);
  return { byActive: by((r) => r.by_active), byClicks: by((r) => r.by_clicks), byConversion: by((r) => r.by_conversion) };
}

/** Layer sizes at the latest segmentation run up to `to`, against the latest run a week before it, and the moves in between. */
async function layerFigures(q: Queryable, to: string): Promise<AdminKpis['layers']> {
  const { rows: runs } = await q.query<{ latest: string | null; before: string | null }>(
    `select l.d as latest, (select max(day) from layer_sizes where day <= l.d - 7) as before
     from (select max(day) as d from layer_sizes where day <= $1::date) l`,
    [to],
  );
  const { latest, before } = runs[0] ?? { latest: null, before: null };
  if (!latest) return { day: null, comparedWith: null, sizes: LAYER_KEYS.map((key) => ({ key, name: layerName(key), members: 0, previous: null, change: null })), movements: [] };
  const [sizes, moves] = await Promise.all([
    q.query<{ day: string; layer: LayerKey; members: number }>(`select day, layer, members from layer_sizes where day = any($1::date[])`, [
      [latest, before].filter(Boolean),
    ]),
    q.query<{ from_layer: LayerKey; to_layer: LayerKey; members: number }>(
      `select from_layer, to_layer, sum(members)::int as members from layer_movements
       where day > $1::date - 7 and day <= $1::date and from_layer <> 'none'
       group by from_layer, to_layer order by 3 desc, 1, 2`,
      [latest],
    ),
  ]);
  const at = (day: string | null, layer: LayerKey) => (day ? (sizes.rows.find((r) => r.day === day && r.layer === layer)?.members ?? 0) : null);
  return {
    day: latest,
    comparedWith: before,
    sizes: LAYER_KEYS.map((key) => {
      const members = at(latest, key)!;
      const previous = at(before, key);
      return { key, name: layerName(key), members, previous, change: change(members, previous) };
    }),
    movements: moves.rows.map((r) => ({
      from: r.from_layer,
      fromName: layerName(r.from_layer),
      to: r.to_layer,
      toName: layerName(r.to_layer),
      members: r.members,
    })),
  };
}

/** Names of what the figures count by id: prizes (with their campaign), categories, launch products. */
async function nameLookups(q: Queryable) {
  const [prizes, categories, products] = await Promise.all([
    q.query<{ id: string; name: string; kind: string; campaign: string }>(
      `select p.id, p.name, p.kind, c.name as campaign from lottery_prizes p join lottery_campaigns c on c.id = p.campaign_id`,
    ),
    q.query<{ id: string; name: string }>(`select id, name from categories`),
    q.query<{ id: string; name: string; launch_starts_at: Date | null; launch_ends_at: Date | null }>(
      `select id, name, launch_starts_at, launch_ends_at from products where launch_starts_at is not null`,
    ),
  ]);
  return {
    prizes: new Map(prizes.rows.map((r) => [r.id, r])),
    categories: new Map(categories.rows.map((r) => [r.id, r.name])),
    products: new Map(products.rows.map((r) => [r.id, r])),
  };
}
