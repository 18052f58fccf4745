/**
 * The segmentation bench's data and measures, shared by `npm run bench:segments`
 * (test/bench/segmentation.ts, 1,000,000 members on PostgreSQL) and its small CI check
 * (test/integration/segmentation-bench.test.ts, a few thousand members on PGlite and PostgreSQL).
 *
 * Generation is set-based SQL only (generate_series and joins; no row passes through JavaScript)
 * into the schema the real migrations made. Every random choice is a hash of the member, the day
 * and a salt (hashint8extended), so a given size and day always give the same data.
 *
 * The members (ids rise with the day they joined, as in production):
 * - 72 % joined in the two years before the year of activity, 28 % during it;
 * - each has a rhythm of active days (a day the app is opened: a member_visits row): every 1–2
 *   days (6 %), every 2.5–4 days (12 %), weekly (25 %), monthly (22 %), every 2–4 months (20 %),
 *   or irregular (15 %: random days, 3–12 days apart on average, so silences of two or three
 *   times the usual gap are common for them — what tests the churn warning's precision). The
 *   regular rhythms are a grid with jitter (weekly: 6–8 days apart ± 2 days);
 * - 15 % of the regular ones pause for 14–35 days once, somewhere in the year, and come back;
 * - about 10 % STOP: no activity at all on or after a known day in the 60 days before the run's
 *   day D (bench_stops), drawn from all rhythms alike;
 * - check-ins, orders, product views, shares, lottery draws, group visits, redemptions fall on
 *   active days with per-rhythm and per-member odds (a daily member checks in on 80 % of their
 *   days and orders on ~3 %; a monthly one checks in on 20 % and orders on ~45 %), giving per
 *   member and year about 20 check-ins and 5 paid orders. Favourite category, size, colour,
 *   coupon / flash-sale / night-market / member-day habits are traits of the member.
 * Event rows are written in time order (as production appends them), so a member's rows lie
 * scattered over the tables, not side by side.
 */
import type { Db, Queryable } from '../../cloud/db/port';
import { segmentRuleSchema, type SegmentRule } from '../../cloud/domain/segment-rule';
import { compileRule } from '../../cloud/services/segments/compile-rule';

export interface GenerateOptions {
  /** Members (role member); guides come on top, one per 2,000 members (at least 5). */
  members: number;
  /** The run's brand day D ('YYYY-MM-DD'): activity covers the 365 days up to and including it. */
  day: string;
  timeZone: string;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Session memory for sorts and index builds (PostgreSQL; default 512MB / 1GB). */
  workMem?: string;
  maintenanceWorkMem?: string;
}

export interface GenerateReport {
  members: number;
  guides: number;
  rows: Record<string, number>;
  ms: number;
}

/** The share of members in each rhythm, with their odds per active day. */
export const RHYTHMS = [
  // name, share, period range (days), check-in odds, order odds (× the member's 0.5–1.5 spend factor)
  { name: 'daily', share: 0.06, period: [1.2, 2.0], checkin: 0.8, order: 0.03 },
  { name: 'frequent', share: 0.12, period: [2.5, 4.0], checkin: 0.5, order: 0.06 },
  { name: 'weekly', share: 0.25, period: [6, 8], checkin: 0.3, order: 0.13 },
  { name: 'monthly', share: 0.22, period: [25, 35], checkin: 0.2, order: 0.45 },
  { name: 'rare', share: 0.2, period: [60, 120], checkin: 0.15, order: 0.7 },
  { name: 'irregular', share: 0.15, period: [3, 12], checkin: 0.3, order: 0.15 },
] as const;

/** Rhythms that came at least about weekly: a stop among them can show before 30 days of silence. */
export const WEEKLY_OR_MORE = ['daily', 'frequent', 'weekly', 'irregular'];

const CATEGORIES = [
  { name: '连衣裙', share: 0.2, sizes: ['S', 'M', 'L', 'XL'], price: [199, 699], products: ['法式碎花连衣裙', '针织长裙', '衬衫式连衣裙', '吊带连衣裙', '雪纺连衣裙', '收腰连衣裙', '丝绒连衣裙', '牛仔连衣裙', '假两件连衣裙', '方领连衣裙'] },
  { name: '上衣', share: 0.2, sizes: ['S', 'M', 'L', 'XL'], price: [89, 399], products: ['纯棉T恤', '条纹衬衫', '针织开衫', '连帽卫衣', '雪纺衫', 'Polo衫', '短袖衬衫', '高领打底衫', '泡泡袖上衣', '针织背心'] },
  { name: '裤装', share: 0.15, sizes: ['S', 'M', 'L', 'XL'], price: [129, 459], products: ['直筒牛仔裤', '阔腿裤', '西装裤', '运动裤', '休闲短裤', '工装裤', '九分裤', '打底裤', '半身裙'] },
  { name: '外套', share: 0.1, sizes: ['S', 'M', 'L', 'XL'], price: [299, 1299], products: ['羊毛大衣', '风衣', '轻薄羽绒服', '西装外套', '牛仔外套', '针织外套', '机车皮衣', '短夹克'] },
  { name: '鞋履', share: 0.12, sizes: ['36', '37', '38', '39', '40'], price: [199, 799], products: ['小白鞋', '乐福鞋', '玛丽珍鞋', '切尔西短靴', '凉鞋', '运动鞋', '细跟高跟鞋', '帆布鞋'] },
  { name: '童装', share: 0.13, sizes: ['110', '120', '130', '140'], price: [79, 299], products: ['儿童T恤', '儿童连衣裙', '儿童卫衣', '儿童牛仔裤', '儿童外套', '儿童套装', '儿童睡衣', '儿童短裤', '儿童羽绒服'] },
  { name: '配饰', share: 0.1, sizes: ['均码'], price: [39, 299], products: ['真丝丝巾', '渔夫帽', '皮带', '珍珠耳环', '锁骨链', '帆布托特包'] },
] as const;
const COLORS = ['黑色', '白色', '米色', '灰色', '藏青', '酒红', '粉色', '卡其'];
const FLASH_SALES = 24;

/** The big tables, filled with their secondary indexes (and unreferenced keys) dropped, then rebuilt. */
const BULK_TABLES = ['member_visits', 'checkins', 'orders', 'coupons', 'product_views', 'group_visits', 'lottery_draws'];

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const fmt = (n: number) => n.toLocaleString('en-US');

/** A uniform number in [0, 1) from a bigint key and a salt. */
const U = (key: string, salt: number) => `((hashint8extended((${key})::bigint, ${salt}) & 1048575)::float8 / 1048576.0)`;
/** A key per member and day. */
const MD = (member: string, day: string) => `(${member} * 16384 + (${day} - date '2000-01-01'))`;

export async function generateSegmentationData(db: Db, options: GenerateOptions): Promise<GenerateReport> {
  const { members: n, day, timeZone } = options;
  if (!Number.isInteger(n) || n < 100) throw new Error(`members must be an integer ≥ 100 (got ${n})`);
  if (!isDay(day)) throw new Error(`day must be YYYY-MM-DD (got ${day})`);
  const log = options.log ?? (() => undefined);
  const D = `date '${day}'`;
  const TZ = quote(timeZone);
  const guides = Math.max(5, Math.round(n / 2000));
  const groups = Math.max(20, Math.round(n / 500));
  const started = performance.now();
  const rows: Record<string, number> = {};

  const { rows: su } = await db.query<{ su: boolean }>(`select rolsuper as su from pg_roles where rolname = current_user`);
  const superuser = su[0]?.su === true;
  const pglite = db.kind === 'pglite';
  const settings = [
    `set local synchronous_commit = off`,
    `set local work_mem = '${pglite ? '32MB' : (options.workMem ?? '512MB')}'`,
    `set local maintenance_work_mem = '${pglite ? '64MB' : (options.maintenanceWorkMem ?? '1GB')}'`,
    `set local synchronize_seqscans = off`,
    // Foreign keys are not checked row by row (the data is made consistent); needs a superuser.
    ...(superuser ? [`set local session_replication_role = replica`] : []),
  ];

  /** One step in a transaction of its own, with the bulk settings; logs its rows and time. */
  const step = async (name: string, sql: string): Promise<number> => {
    const t = performance.now();
    const count = await db.transaction(async (tx) => {
      for (const s of settings) await tx.query(s);
      return (await tx.query(sql)).rowCount;
    });
    rows[name] = (rows[name] ?? 0) + count;
    log(`  ${name.padEnd(22)} ${fmt(count).padStart(12)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
    return count;
  };

  const base = Number((await db.query<{ n: string }>(`select coalesce(max(id), 0) as n from members`)).rows[0]!.n);
  const firstMember = base + guides + 1;
  log(`generating ${fmt(n)} members (+${guides} guides), activity for the 365 days up to ${day} (${timeZone})`);

  // The catalogue: 7 categories, 60 products, sizes × 3 colours each; a 新款 per category; flash sales.
  await db.transaction(async (tx) => {
    const values = CATEGORIES.map((c, i) => `(${quote(c.name)}, ${i})`).join(', ');
    await tx.query(`insert into categories (name, position) select name, position from (values ${values}) v(name, position)`);
    const products: string[] = [];
    const skus: string[] = [];
    let k = 0;
    CATEGORIES.forEach((c, ci) => {
      c.products.forEach((name, slot) => {
        const price = Math.round((c.price[0] + ((c.price[1] - c.price[0]) * ((slot * 37) % 10)) / 9) / 10) * 10 - 1;
        const launch = slot === 0 ? `(${D} - 20 + time '10:00') at time zone ${TZ}, (${D} + 10 + time '10:00') at time zone ${TZ}` : 'null::timestamptz, null::timestamptz';
        products.push(`(${ci}, ${slot}, ${quote(name)}, ${launch})`);
        const colors = [COLORS[k % 8]!, COLORS[(k + 3) % 8]!, COLORS[(k + 5) % 8]!];
        c.sizes.forEach((size, si) =>
          colors.forEach((color, co) => skus.push(`(${ci}, ${slot}, ${si}, ${co}, ${quote(size)}, ${quote(color)}, ${price * 100})`)),
        );
        k++;
      });
    });
    await tx.query(`create table bench_categories (cat_idx int primary key, category_id bigint not null, name text not null, prod_count int not null, size_count int not null)`);
    await tx.query(
      `insert into bench_categories select c.position, c.id, c.name, v.prod_count, v.size_count from categories c
       join (values ${CATEGORIES.map((c, i) => `(${i}, ${c.products.length}, ${c.sizes.length})`).join(', ')}) v(position, prod_count, size_count) on v.position = c.position
       where c.name in (${CATEGORIES.map((c) => quote(c.name)).join(', ')})`,
    );
    await tx.query(`create table bench_products (cat_idx int not null, slot int not null, product_id bigint not null, name text not null, primary key (cat_idx, slot))`);
    await tx.query(
      `with v(cat_idx, slot, name, launch_starts_at, launch_ends_at) as (values ${products.join(', ')}),
       ins as (
         insert into products (category_id, name, position, launch_starts_at, launch_ends_at)
         select c.category_id, v.name, v.slot, v.launch_starts_at, v.launch_ends_at from v join bench_categories c using (cat_idx)
         returning id, category_id, name
       )
       insert into bench_products select c.cat_idx, v.slot, ins.id, ins.name from ins join bench_categories c using (category_id) join v on v.cat_idx = c.cat_idx and v.name = ins.name`,
    );
    await tx.query(
      `create table bench_skus (product_id bigint not null, size_idx int not null, color_idx int not null, sku_id bigint not null, label text not null,
         price_fen int not null, primary key (product_id, size_idx, color_idx))`,
    );
    await tx.query(
      `with v(cat_idx, slot, size_idx, color_idx, size, color, price_fen) as (values ${skus.join(', ')}),
       ins as (
         insert into product_skus (product_id, size, color, price_fen, stock, position)
         select p.product_id, v.size, v.color, v.price_fen, 100000, v.size_idx * 3 + v.color_idx
         from v join bench_products p using (cat_idx, slot)
         returning id, product_id, size, color, price_fen, position
       )
       insert into bench_skus select product_id, position / 3, position % 3, id, size || ' ' || color, price_fen from ins`,
    );
    await tx.query(`create table bench_flash (idx int primary key, flash_sale_id bigint not null)`);
    await tx.query(
      `with ins as (
         insert into flash_sales (product_id, price_fen, stock, per_member_limit, starts_at, ends_at)
         select p.product_id, (select min(price_fen) * 7 / 10 from bench_skus s where s.product_id = p.product_id), 1000000, 3,
                (${D} - 364 + k * 15 + time '10:00') at time zone ${TZ}, (${D} - 362 + k * 15 + time '10:00') at time zone ${TZ}
         from generate_series(0, ${FLASH_SALES - 1}) k join bench_products p on p.cat_idx = k % 7 and p.slot = k % 6
         returning id
       )
       insert into bench_flash select row_number() over (order by id) - 1, id from ins`,
    );
    await tx.query(
      `insert into coupon_templates (name, kind, amount_off_fen, threshold_fen, valid_days) values ('满99减20', 'amount_off', 2000, 9900, 30)`,
    );
    await tx.query(
      `insert into lottery_campaigns (name, starts_at, ends_at, draws_per_day, wins_per_day, wins_per_campaign)
       values ('签到抽奖', (${D} - 400)::timestamptz, (${D} + 30)::timestamptz, 3, 1, 100)`,
    );
    await tx.query(
      `insert into lottery_prizes (campaign_id, position, kind, name, odds, points, coupon_template_id)
       select (select max(id) from lottery_campaigns), p.position, p.kind, p.name, p.odds,
              case when p.kind = 'points' then 10 end, case when p.kind = 'coupon' then (select max(id) from coupon_templates) end
       from (values (1, 'none', '谢谢参与', 7000), (2, 'points', '10 积分', 2500), (3, 'coupon', '满99减20券', 400), (4, 'goods', '帆布袋', 100)) p(position, kind, name, odds)`,
    );
    await tx.query(`insert into mall_items (name, kind, points_price) values ('品牌帆布袋', 'goods', 500)`);
  });
  log(`  catalogue              ${CATEGORIES.length} categories, ${CATEGORIES.reduce((s, c) => s + c.products.length, 0)} products`);

  const dropped = await dropBulkIndexes(db, BULK_TABLES);

  // Guides, then the members: ids rise with the day they joined.
  await step(
    'members (guides)',
    `insert into members (id, openid, role, created_at, consent_version, consent_at)
     select ${base} + i, 'bench-g-' || (${base} + i), 'guide', (${D} - 1200)::timestamptz, '1', (${D} - 1200)::timestamptz
     from generate_series(1, ${guides}) i`,
  );
  await step(
    'members',
    `insert into members (id, openid, role, points_balance, created_at, tier, tier_since, tier_raised_on, birthday, source, guide_id, guide_bound_at, consent_version, consent_at)
     select id, 'bench-m-' || id, 'member', points, created_at, tier, case when tier <> 'normal' then joined_on end, case when tier <> 'normal' then joined_on end, birthday, source,
            guide_id, case when guide_id is not null then created_at end, '1', created_at
     from (
       select id, joined_on, (joined_on + time '08:00' + ${U('id', 3)} * interval '14 hours') at time zone ${TZ} as created_at,
              case when ${U('id', 10)} < 0.25 then 0 else floor(${U('id', 11)} ^ 2 * 5000)::int end as points,
              case when ${U('id', 12)} < 0.60 then 'normal' when ${U('id', 12)} < 0.85 then 'silver' when ${U('id', 12)} < 0.97 then 'gold' else 'diamond' end as tier,
              case when ${U('id', 13)} < 0.8 then date '1970-01-01' + floor(${U('id', 15)} * 13000)::int end as birthday,
              src as source,
              case when src = 'guide' or ${U('id', 16)} < 0.25 then ${base} + 1 + floor(${U('id', 17)} * ${guides})::int end as guide_id
       from (
         select ${firstMember - 1} + i as id,
                case when (i - 1)::float8 / ${n} < 0.72 then ${D} - 1095 + floor((i - 1)::float8 / ${n} / 0.72 * 730)::int
                     else ${D} - 364 + floor(((i - 1)::float8 / ${n} - 0.72) / 0.28 * 365)::int end as joined_on,
                case when ${U(`${firstMember - 1} + i`, 4)} < 0.15 then 'share' when ${U(`${firstMember - 1} + i`, 4)} < 0.35 then 'guide'
                     when ${U(`${firstMember - 1} + i`, 4)} < 0.50 then 'group' when ${U(`${firstMember - 1} + i`, 4)} < 0.60 then 'poster' else 'direct' end as src
         from generate_series(1, ${n}) i
       ) ids
     ) m`,
  );
  await db.query(`select setval(pg_get_serial_sequence('members', 'id'), (select max(id) from members))`);

  // Each member's rhythm and habits (bench-only).
  const rhythmValues: string[] = [];
  let cumulative = 0;
  RHYTHMS.forEach((r, i) => {
    const upTo = i === RHYTHMS.length - 1 ? 1.01 : cumulative + r.share;
    rhythmValues.push(`('${r.name}', ${cumulative.toFixed(4)}, ${upTo.toFixed(4)}, ${r.period[0]}, ${r.period[1]}, ${r.checkin}, ${r.order})`);
    cumulative += r.share;
  });
  let catCum = 0;
  const favCat = CATEGORIES.map((c, i) => {
    catCum += c.share;
    return i === CATEGORIES.length - 1 ? `else ${i}` : `when ${U('m.id', 30)} < ${catCum.toFixed(3)} then ${i}`;
  }).join(' ');
  await db.query(
    `create table bench_members (
       member_id bigint primary key, rhythm text not null, period float8 not null, jitter float8 not null, joined_on date not null,
       in_year boolean not null, first_day date not null, origin date not null, stop_on date, pause_from date, pause_to date,
       ck_p float8 not null, order_p float8 not null, fav_cat int not null, size_u float8 not null, color_fav int not null,
       coupon_p float8 not null, flash_p float8 not null, night_p float8 not null, memberday_lover boolean not null,
       sharer boolean not null, lottery_p float8 not null, group_no int, guide_id bigint
     )`,
  );
  await step(
    'bench_members',
    `insert into bench_members
     select member_id, rhythm, period, jitter, joined_on, in_year, greatest(joined_on, ${D} - 364),
            case when in_year then joined_on else ${D} - 364 - ceil(jitter)::int - floor(${U('member_id', 22)} * period)::int end,
            case when joined_on < ${D} - 120 and ${U('member_id', 5)} < 0.11 then ${D} - 60 + floor(${U('member_id', 6)} * 60)::int end,
            pause_from, pause_from + 14 + floor(${U('member_id', 9)} * 22)::int,
            ck_p, order_p * (0.5 + ${U('member_id', 14)}), fav_cat, size_u, color_fav, coupon_p, flash_p, night_p, memberday_lover,
            sharer, lottery_p, group_no, guide_id
     from (
       select m.id as member_id, j.joined_on, j.joined_on > ${D} - 364 as in_year, r.rhythm, r.ck_p, r.order_p, p.period,
              case r.rhythm when 'daily' then p.period - 1 when 'frequent' then p.period - 1 when 'weekly' then 4
                            when 'monthly' then 14 when 'rare' then 30 else 5 * p.period end as jitter,
              case when r.rhythm <> 'irregular' and ${U('m.id', 7)} < 0.15 then ${D} - 364 + floor(${U('m.id', 8)} * 364)::int end as pause_from,
              case ${favCat} end as fav_cat,
              ${U('m.id', 31)} as size_u, floor(${U('m.id', 32)} * 3)::int as color_fav,
              case when ${U('m.id', 33)} < 0.2 then 0.7 else 0.08 end as coupon_p,
              case when ${U('m.id', 34)} < 0.1 then 0.45 else 0.04 end as flash_p,
              case when ${U('m.id', 35)} < 0.08 then 0.5 else 0.03 end as night_p,
              ${U('m.id', 36)} < 0.1 as memberday_lover,
              ${U('m.id', 37)} < 0.08 as sharer,
              case when ${U('m.id', 38)} < 0.12 then 0.35 else 0.01 end as lottery_p,
              case when ${U('m.id', 39)} < 0.3 then floor(${U('m.id', 40)} * ${groups})::int end as group_no,
              m.guide_id
       from members m
       cross join lateral (select (m.created_at at time zone ${TZ})::date as joined_on) j
       join (values ${rhythmValues.join(', ')}) r(rhythm, c_lo, c_hi, p_lo, p_hi, ck_p, order_p)
         on ${U('m.id', 20)} >= r.c_lo and ${U('m.id', 20)} < r.c_hi
       cross join lateral (select r.p_lo + (r.p_hi - r.p_lo) * ${U('m.id', 21)} as period) p
       where m.role = 'member' and m.id >= ${firstMember}
     ) x`,
  );
  await db.query(`create table bench_stops (member_id bigint primary key, stopped_on date not null)`);
  await step('bench_stops', `insert into bench_stops select member_id, stop_on from bench_members where stop_on is not null`);

  // Active days (member_visits): each rhythm's grid with jitter, in its days, before a stop, outside a pause.
  const K = MD('v.member_id', 'v.day');
  await step(
    'member_visits',
    `insert into member_visits (member_id, day)
     select distinct member_id, day from (
       select b.member_id, b.origin + floor(g.n * b.period + case when g.n = 0 and b.in_year then 0 else ${U('b.member_id * 4096 + g.n + 64', 23)} * b.jitter end)::int as day,
              b.first_day, b.stop_on, b.pause_from, b.pause_to
       from bench_members b
       cross join lateral generate_series(case when b.rhythm = 'irregular' then -ceil(b.jitter / b.period)::int - 1 else 0 end,
                                          ceil((${D} - b.origin) / b.period)::int + 1) g(n)
     ) grid
     where day >= first_day and day <= ${D} and (stop_on is null or day < stop_on) and (pause_from is null or day < pause_from or day >= pause_to)
     order by day, member_id`,
  );
  // Check-ins on some active days; the streak is the run of consecutive check-in days.
  await step(
    'checkins',
    `insert into checkins (member_id, day, streak, points, created_at, kind)
     select member_id, day, row_number() over (partition by member_id, island order by day), 10,
            (day + time '07:00' + ${U(MD('member_id', 'day'), 12)} * interval '15 hours') at time zone ${TZ}, 'checkin'
     from (
       select v.member_id, v.day, v.day - (row_number() over (partition by v.member_id order by v.day))::int as island
       from member_visits v join bench_members b using (member_id)
       where ${U(K, 11)} < b.ck_p
     ) c
     order by day, member_id`,
  );

  // Orders on some active days: the member's favourite category more often than not, their size
  // and colour mostly; coupons, flash sales, the night market and member day by habit.
  const orderBase = Number(
    (await db.query<{ n: string }>(`select greatest((select coalesce(max(id), 0) from orders), (select coalesce(max(id), 0) from coupons)) as n`)).rows[0]!.n,
  );
  await step(
    'orders',
    `insert into orders (id, member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, category_id,
       list_price_fen, unit_price_fen, flash_sale_id, member_day_discount_fen, coupon_id, coupon_discount_fen, total_fen, member_day,
       guide_id, points_earned, growth_earned, created_at, expires_at, paid_at, cancelled_at, refunded_at, refund_reason,
       shipping_fen, completed_at, completed_by, night_market)
     with picked as (
       select v.member_id, v.day, ${K} as k, b.fav_cat, b.size_u, b.color_fav, b.coupon_p, b.flash_p, b.night_p, b.guide_id,
              ${orderBase} + row_number() over (order by v.day, v.member_id) as id
       from member_visits v join bench_members b using (member_id)
       where ${U(K, 13)} < b.order_p * case when b.memberday_lover then case when extract(isodow from v.day) = 3 then 3.0 else 0.6 end else 1 end
     ),
     cat as (
       select p.*, c.category_id, c.prod_count, c.size_count, c.cat_idx
       from picked p join bench_categories c on c.cat_idx = case when ${U('p.k', 15)} < 0.55 then p.fav_cat else floor(${U('p.k', 16)} * 7)::int end
     ),
     item as (
       select c.*, pr.product_id, pr.name as product_name, s.sku_id, s.label, s.price_fen,
              case when ${U('c.k', 19)} < 0.85 then 1 when ${U('c.k', 19)} < 0.97 then 2 else 3 end as qty,
              ${U('c.k', 26)} < c.flash_p as flash, ${U('c.k', 28)} < c.night_p as night, extract(isodow from c.day) = 3 as member_day,
              ${U('c.k', 29)} as fate
       from cat c
       join bench_products pr on pr.cat_idx = c.cat_idx and pr.slot = floor(${U('c.k', 17)} * c.prod_count)::int
       join bench_skus s on s.product_id = pr.product_id
         and s.size_idx = case when ${U('c.k', 18)} < 0.75 then floor(c.size_u * c.size_count) else floor(${U('c.k', 24)} * c.size_count) end::int
         and s.color_idx = case when ${U('c.k', 25)} < 0.5 then c.color_fav else floor(${U('c.k', 27)} * 3)::int end
     ),
     priced as (
       select i.*, round(i.price_fen * case when i.flash then 0.7 else 1 end * case when i.member_day then 0.95 else 1 end)::int as unit_fen,
              i.fate >= 0.03 and i.fate < 0.06 as cancelled, ${U('i.k', 43)} < i.coupon_p and i.price_fen * i.qty >= 9900 as with_coupon,
              (i.day + case when i.night then time '22:00' + ${U('i.k', 14)} * interval '110 minutes' else time '09:00' + ${U('i.k', 14)} * interval '12 hours' end) at time zone ${TZ} as at
       from item i
     ),
     totals as (
       select p.*, p.unit_fen * p.qty - case when p.with_coupon and not p.cancelled then 2000 else 0 end as goods_fen from priced p
     )
     select t.id, t.member_id, 'bench-o-' || t.id,
            case when t.cancelled then 'cancelled' when t.fate < 0.03 then 'refunded' when t.day >= ${D} - 3 then 'paid' else 'completed' end,
            t.product_id, t.sku_id, t.qty, t.product_name, t.label, t.category_id, t.price_fen, t.unit_fen,
            case when t.flash then (select f.flash_sale_id from bench_flash f where f.idx = floor(${U('t.k', 41)} * ${FLASH_SALES})::int) end,
            case when t.member_day then (t.price_fen - t.unit_fen) * t.qty else 0 end,
            case when t.with_coupon and not t.cancelled then t.id end, case when t.with_coupon and not t.cancelled then 2000 else 0 end,
            t.goods_fen + case when t.goods_fen >= 9900 then 0 else 1000 end, t.member_day,
            case when t.guide_id is not null and ${U('t.k', 42)} < 0.5 then t.guide_id end, t.goods_fen / 100, t.goods_fen / 100,
            t.at - interval '2 minutes', t.at + interval '13 minutes',
            case when not t.cancelled then t.at end, case when t.cancelled then t.at + interval '13 minutes' end,
            case when t.fate < 0.03 then t.at + interval '3 days' end, case when t.fate < 0.03 then '尺码不合适' end,
            case when t.goods_fen >= 9900 then 0 else 1000 end,
            case when not t.cancelled and t.fate >= 0.03 and t.day < ${D} - 3 then t.at + interval '8 days' end,
            case when not t.cancelled and t.fate >= 0.03 and t.day < ${D} - 3 then 'auto' end,
            t.night
     from totals t
     order by t.id`,
  );
  await step(
    'coupons',
    `insert into coupons (id, template_id, member_id, code, source, source_id, issued_at, valid_from, valid_until, used_at, used_by, order_id)
     select o.coupon_id, (select max(id) from coupon_templates), o.member_id, 'BENCH' || o.coupon_id, 'admin', 'bench-' || o.coupon_id,
            o.created_at - interval '3 days', (o.created_at at time zone ${TZ})::date - 3, (o.created_at at time zone ${TZ})::date + 27,
            o.paid_at, o.member_id, o.id
     from orders o where o.coupon_id is not null and o.id > ${orderBase} order by o.coupon_id`,
  );
  await db.query(`select setval(pg_get_serial_sequence('orders', 'id'), greatest((select max(id) from orders), (select max(id) from coupons)))`);
  await db.query(`select setval(pg_get_serial_sequence('coupons', 'id'), greatest((select max(id) from orders), (select max(id) from coupons)))`);

  // What else members do on their active days.
  await step(
    'product_views',
    `insert into product_views (member_id, day, product_id)
     select v.member_id, v.day, p.product_id
     from member_visits v join bench_members b using (member_id)
     join bench_categories c on c.cat_idx = case when ${U(K, 50)} < 0.6 then b.fav_cat else floor(${U(K, 51)} * 7)::int end
     cross join lateral generate_series(0, case when ${U(K, 52)} < 0.35 then 1 else 0 end) j
     join bench_products p on p.cat_idx = c.cat_idx and p.slot = (floor(${U(K, 53)} * c.prod_count)::int + j) % c.prod_count
     where ${U(K, 54)} < 0.15`,
  );
  await step(
    'group_visits',
    `insert into group_visits (group_id, member_id, day)
     select 'bench-group-' || b.group_no, v.member_id, v.day
     from member_visits v join bench_members b using (member_id)
     where b.group_no is not null and ${U(K, 60)} < 0.25`,
  );
  await step(
    'lottery_draws',
    `insert into lottery_draws (campaign_id, member_id, request_id, prize_id, created_at)
     select z.campaign_id, v.member_id, 'bench-' || v.day, z.id, (v.day + time '12:00' + ${U(K, 63)} * interval '9 hours') at time zone ${TZ}
     from member_visits v join bench_members b using (member_id)
     join lottery_prizes z on z.campaign_id = (select max(id) from lottery_campaigns)
       and z.position = case when ${U(K, 62)} < 0.7 then 1 when ${U(K, 62)} < 0.95 then 2 when ${U(K, 62)} < 0.99 then 3 else 4 end
     where ${U(K, 61)} < b.lottery_p`,
  );
  // A share is one per member and product (and one invite per member): the first time counts.
  await step(
    'shares',
    `insert into shares (id, sharer_id, kind, product_id, created_at)
     select 'bs' || v.member_id || 'd' || (v.day - date '2000-01-01'), v.member_id,
            case when ${U(K, 64)} < 0.1 then 'invite' else 'product' end,
            case when ${U(K, 64)} < 0.1 then null else p.product_id end,
            (v.day + time '19:00' + ${U(K, 66)} * interval '4 hours') at time zone ${TZ}
     from member_visits v join bench_members b using (member_id)
     join bench_categories c on c.cat_idx = b.fav_cat
     join bench_products p on p.cat_idx = c.cat_idx and p.slot = floor(${U(K, 65)} * c.prod_count)::int
     where b.sharer and ${U(K, 67)} < 0.2
     on conflict do nothing`,
  );
  const SK = MD('s.sharer_id', `(s.created_at at time zone ${TZ})::date`);
  await step(
    'share_clicks',
    `insert into share_clicks (share_id, viewer_id, scene, clicks, first_clicked_at, last_clicked_at)
     select s.id, x.viewer, 1007, 1, s.created_at + x.delay, s.created_at + x.delay
     from shares s
     cross join lateral generate_series(1, floor(${U(SK, 68)} * 4)::int) j
     cross join lateral (select ${firstMember} + floor(${U(`${SK} * 8 + j`, 69)} * ${n})::bigint as viewer,
                                ${U(`${SK} * 8 + j`, 70)} * interval '36 hours' as delay) x
     where s.id like 'bs%' and x.viewer <> s.sharer_id
     on conflict do nothing`,
  );
  await step(
    'referrals',
    `insert into referrals (invitee_id, inviter_id, share_id, created_at, rewarded_at, reward_trigger)
     select distinct on (k.viewer_id) k.viewer_id, s.sharer_id, s.id, k.first_clicked_at,
            case when ${U('k.id', 71)} < 0.6 then k.first_clicked_at + interval '1 day' end,
            case when ${U('k.id', 71)} < 0.6 then 'first_checkin' end
     from share_clicks k join shares s on s.id = k.share_id
     where s.kind = 'invite' and s.id like 'bs%'
     order by k.viewer_id, k.first_clicked_at
     on conflict do nothing`,
  );
  await step(
    'mall_redemptions',
    `insert into mall_redemptions (item_id, member_id, request_id, points, fulfilment, created_at)
     select (select max(id) from mall_items), v.member_id, 'bench-r-' || v.day, 500, 'done',
            (v.day + time '13:00' + ${U(K, 73)} * interval '8 hours') at time zone ${TZ}
     from member_visits v where ${U(K, 72)} < 0.004`,
  );
  await step(
    'points_ledger',
    `insert into points_ledger (member_id, delta, balance_after, source, source_id, created_at)
     select id, points_balance, points_balance, 'bench', id::text, (${D} - 30)::timestamptz
     from members where id >= ${firstMember} and points_balance > 0 order by 1`,
  );
  await step(
    'points_lots',
    `insert into points_lots (member_id, ledger_id, expires_on, amount, remaining)
     select l.member_id, l.id, ${D} + floor(${U('l.member_id', 74)} * 365)::int, l.delta, l.delta
     from points_ledger l where l.source = 'bench' order by l.id`,
  );

  await restoreBulkIndexes(db, dropped, log, pglite ? '64MB' : (options.maintenanceWorkMem ?? '1GB'));
  const t = performance.now();
  await db.exec(
    `vacuum (analyze) members, member_visits, checkins, orders, coupons, product_views, group_visits, lottery_draws, shares, share_clicks,
       referrals, mall_redemptions, points_ledger, points_lots, bench_members, bench_stops`,
  );
  log(`  vacuum analyze        ${((performance.now() - t) / 1000).toFixed(1).padStart(21)} s`);
  const ms = performance.now() - started;
  log(`generated in ${(ms / 1000).toFixed(1)} s`);
  return { members: n, guides, rows, ms };
}

interface DroppedIndex {
  table: string;
  name: string;
  /** `alter table … add constraint …` or `create index …`: exactly what the migrations made. */
  create: string;
}

/**
 * Drops the tables' indexes and unique / primary keys that no foreign key leans on, keeping
 * their definitions (as the catalogue has them) to build them again after the bulk insert.
 */
async function dropBulkIndexes(db: Db, tables: string[]): Promise<DroppedIndex[]> {
  const { rows } = await db.query<{ table_name: string; index_name: string; index_def: string; con_name: string | null; con_def: string | null }>(
    `select c.relname as table_name, i.relname as index_name, pg_get_indexdef(i.oid) as index_def,
            con.conname as con_name, pg_get_constraintdef(con.oid) as con_def
     from pg_index x
     join pg_class i on i.oid = x.indexrelid
     join pg_class c on c.oid = x.indrelid
     join pg_namespace ns on ns.oid = c.relnamespace
     left join pg_constraint con on con.conindid = i.oid and con.conrelid = c.oid and con.contype in ('p', 'u')
     where ns.nspname = current_schema() and c.relname = any($1::text[])
       and not exists (select 1 from pg_constraint fk where fk.contype = 'f' and fk.conindid = i.oid)
     order by c.relname, i.relname`,
    [tables],
  );
  const dropped: DroppedIndex[] = [];
  for (const r of rows) {
    if (r.con_name) {
      await db.exec(`alter table ${r.table_name} drop constraint ${r.con_name}`);
      dropped.push({ table: r.table_name, name: r.con_name, create: `alter table ${r.table_name} add constraint ${r.con_name} ${r.con_def}` });
    } else {
      await db.exec(`drop index ${r.index_name}`);
      dropped.push({ table: r.table_name, name: r.index_name, create: r.index_def });
    }
  }
  return dropped;
}

async function restoreBulkIndexes(db: Db, dropped: DroppedIndex[], log: (line: string) => void, maintenanceWorkMem: string): Promise<void> {
  const t = performance.now();
  await db.transaction(async (tx) => {
    await tx.query(`set local maintenance_work_mem = '${maintenanceWorkMem}'`);
    for (const d of dropped) await tx.query(d.create);
  });
  log(`  indexes rebuilt        ${String(dropped.length).padStart(12)}      ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
}

/** The ten saved segments: rules a brand's operators would write, each checked by the segment schema. */
export const BENCH_SEGMENTS: Array<{ name: string; rule: unknown }> = [
  {
    name: '童装妈妈·常签到·非券敏感',
    rule: { all: [{ field: 'categoriesBought', op: 'has', value: '童装' }, { field: 'checkins', op: 'gte', value: 10, window: 30 }, { not: { tag: 'rule:coupon-sensitive' } }] },
  },
  { name: '高价值与潜力', rule: { layer: ['high', 'potential'] } },
  { name: '流失预警·年消费千元以上', rule: { all: [{ field: 'churnRisk', op: 'is', value: true }, { field: 'gmv', op: 'gte', value: 1000, window: 365 }] } },
  { name: '沉睡·积分过千', rule: { all: [{ layer: ['dormant'] }, { field: 'pointsBalance', op: 'gte', value: 1000 }] } },
  { name: '本月生日·金卡钻石', rule: { all: [{ field: 'birthdayThisMonth', op: 'is', value: true }, { field: 'tier', op: 'in', value: ['gold', 'diamond'] }] } },
  { name: '新客未复购', rule: { all: [{ layer: ['new'] }, { field: 'orders', op: 'lte', value: 1, window: 365 }] } },
  {
    name: '会员日常客',
    rule: { any: [{ tag: 'rule:member-day' }, { all: [{ field: 'memberDayShare', op: 'gte', value: 0.3 }, { field: 'orders', op: 'gte', value: 2, window: 90 }] }] },
  },
  {
    name: '连衣裙·M码·中高价',
    rule: {
      all: [
        { any: [{ field: 'categoriesBought', op: 'has', value: '连衣裙' }, { field: 'categoriesViewed', op: 'has', value: '连衣裙' }] },
        { field: 'topSize', op: 'eq', value: 'M' },
        { field: 'priceBand', op: 'in', value: ['200-400', '400+'] },
      ],
    },
  },
  { name: '无导购的活跃会员', rule: { all: [{ field: 'hasGuide', op: 'is', value: false }, { field: 'visitDays', op: 'gte', value: 8, window: 30 }] } },
  { name: '常签到不下单', rule: { all: [{ field: 'checkins', op: 'gte', value: 30, window: 90 }, { field: 'orders', op: 'eq', value: 0, window: 90 }] } },
];

/** Rules previewed live (admin.previewSegment). */
export const PREVIEW_RULES: Array<{ name: string; rule: unknown }> = [
  BENCH_SEGMENTS[0]!,
  BENCH_SEGMENTS[2]!,
  BENCH_SEGMENTS[6]!,
  BENCH_SEGMENTS[7]!,
  {
    name: '平时常来·近一到四周没来',
    rule: { all: [{ field: 'daysSinceActive', op: 'between', value: [8, 30] }, { field: 'medianIntervalDays', op: 'lte', value: 3 }, { not: { layer: ['new'] } }] },
  },
];

export const parseRule = (rule: unknown): SegmentRule => segmentRuleSchema.parse(rule);

/** Saves the ten segments (rules parsed by the schema first, as admin.saveSegment does). */
export async function insertBenchSegments(db: Queryable, now: Date): Promise<number> {
  for (const s of BENCH_SEGMENTS) {
    await db.query(`insert into segments (name, rule, created_at, updated_at) values ($1, $2::jsonb, $3, $3)`, [s.name, JSON.stringify(parseRule(s.rule)), now]);
  }
  return BENCH_SEGMENTS.length;
}

/**
 * The reference a user would write by hand: R, F and M quintiles with NTILE(5) over the same
 * 365 days of paid shop orders, straight from `orders`, grouped per member, inserted into a table
 * in one statement. Answers its milliseconds.
 */
export async function referenceRfm(db: Db, day: string, timeZone: string): Promise<{ ms: number; rows: number }> {
  if (!isDay(day)) throw new Error(`bad day ${day}`);
  await db.exec(
    `create table if not exists bench_rfm_reference (member_id bigint primary key, last_order_on date not null, orders integer not null,
       gmv_fen bigint not null, r smallint not null, f smallint not null, m smallint not null);
     truncate bench_rfm_reference`,
  );
  const started = performance.now();
  const { rowCount } = await db.query(
    `insert into bench_rfm_reference (member_id, last_order_on, orders, gmv_fen, r, f, m)
     select member_id, last_order_on, orders, gmv_fen,
            ntile(5) over (order by last_order_on, member_id), ntile(5) over (order by orders, member_id), ntile(5) over (order by gmv_fen, member_id)
     from (
       select member_id, max((paid_at at time zone ${quote(timeZone)})::date) as last_order_on, count(*) as orders, sum(total_fen - shipping_fen) as gmv_fen
       from orders
       where paid_at is not null and refunded_at is null and mall_item_id is null
         and (paid_at at time zone ${quote(timeZone)})::date > date '${day}' - 365 and (paid_at at time zone ${quote(timeZone)})::date <= date '${day}'
       group by member_id
     ) per_member`,
  );
  return { ms: performance.now() - started, rows: rowCount };
}

/** How many members the recompute scored differently from the reference (0: the same quintiles). */
export async function referenceDisagreements(db: Queryable): Promise<{ scored: number; reference: number; differ: number }> {
  const { rows } = await db.query<{ scored: string; reference: string; differ: string }>(
    `select (select count(*) from member_facts where r_score is not null) as scored,
            (select count(*) from bench_rfm_reference) as reference,
            (select count(*) from bench_rfm_reference x full join (select * from member_facts where r_score is not null) f using (member_id)
              where f.r_score is distinct from x.r or f.f_score is distinct from x.f or f.m_score is distinct from x.m) as differ`,
  );
  const r = rows[0]!;
  return { scored: Number(r.scored), reference: Number(r.reference), differ: Number(r.differ) };
}

export interface ChurnQuality {
  /** Stoppers with stopped_on in [D − 30, D − 21], and how many of them are flagged. */
  windowStoppers: number;
  windowCaught: number;
  recall: number;
  /** The same among stoppers whose rhythm was about weekly or more (WEEKLY_OR_MORE). */
  weeklyWindowStoppers: number;
  weeklyWindowCaught: number;
  weeklyRecall: number;
  flagged: number;
  flaggedStoppers: number;
  precision: number;
  byRhythm: Array<{ rhythm: string; members: number; windowStoppers: number; windowCaught: number; flagged: number; flaggedStoppers: number; flaggedPausing: number }>;
}

/**
 * Churn warning against the known stops: recall over the stoppers 21–30 days into their
 * silence (flagged churn_risk, or in the at_risk layer), precision over every flagged member.
 */
export async function churnQuality(db: Queryable, day: string): Promise<ChurnQuality> {
  if (!isDay(day)) throw new Error(`bad day ${day}`);
  const { rows } = await db.query<{
    rhythm: string; members: string; window_stoppers: string; window_caught: string; flagged: string; flagged_stoppers: string; flagged_pausing: string;
  }>(
    `select b.rhythm, count(*) as members,
            count(*) filter (where s.stopped_on between date '${day}' - 30 and date '${day}' - 21) as window_stoppers,
            count(*) filter (where s.stopped_on between date '${day}' - 30 and date '${day}' - 21 and (f.churn_risk or f.layer = 'at_risk')) as window_caught,
            count(*) filter (where f.churn_risk) as flagged,
            count(*) filter (where f.churn_risk and s.member_id is not null) as flagged_stoppers,
            count(*) filter (where f.churn_risk and s.member_id is null and b.pause_from <= date '${day}' and b.pause_to > date '${day}' - 30) as flagged_pausing
     from bench_members b
     join member_facts f using (member_id)
     left join bench_stops s using (member_id)
     group by b.rhythm order by b.rhythm`,
  );
  const byRhythm = rows.map((r) => ({
    rhythm: r.rhythm,
    members: Number(r.members),
    windowStoppers: Number(r.window_stoppers),
    windowCaught: Number(r.window_caught),
    flagged: Number(r.flagged),
    flaggedStoppers: Number(r.flagged_stoppers),
    flaggedPausing: Number(r.flagged_pausing),
  }));
  const sum = (pick: (r: (typeof byRhythm)[number]) => number, only?: string[]) =>
    byRhythm.filter((r) => !only || only.includes(r.rhythm)).reduce((s, r) => s + pick(r), 0);
  const ratio = (a: number, b: number) => (b === 0 ? Number.NaN : a / b);
  const windowStoppers = sum((r) => r.windowStoppers);
  const windowCaught = sum((r) => r.windowCaught);
  const weeklyWindowStoppers = sum((r) => r.windowStoppers, WEEKLY_OR_MORE);
  const weeklyWindowCaught = sum((r) => r.windowCaught, WEEKLY_OR_MORE);
  const flagged = sum((r) => r.flagged);
  const flaggedStoppers = sum((r) => r.flaggedStoppers);
  return {
    windowStoppers,
    windowCaught,
    recall: ratio(windowCaught, windowStoppers),
    weeklyWindowStoppers,
    weeklyWindowCaught,
    weeklyRecall: ratio(weeklyWindowCaught, weeklyWindowStoppers),
    flagged,
    flaggedStoppers,
    precision: ratio(flaggedStoppers, flagged),
    byRhythm,
  };
}

/** A rule as admin.previewSegment runs it when the service is not at hand: the count and 20 members. */
export async function previewByHand(db: Queryable, rule: SegmentRule): Promise<{ count: number; sample: number }> {
  const compiled = compileRule(rule);
  const [count, sample] = await Promise.all([
    db.query<{ n: string }>(`select count(*) as n from member_facts f where ${compiled.where}`, compiled.params),
    db.query(
      `select f.member_id, m.nickname, f.layer, f.last_active_on, f.gmv_365_fen from member_facts f join members m on m.id = f.member_id
       where ${compiled.where} order by f.member_id limit 20`,
      compiled.params,
    ),
  ]);
  return { count: Number(count.rows[0]!.n), sample: sample.rows.length };
}
