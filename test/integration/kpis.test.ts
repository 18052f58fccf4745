/**
 * admin.kpis over a small brand whose every figure is worked out by hand below (never by the code
 * under test): eleven members, three days of check-ins, points, draws, coupons, orders (paid,
 * unpaid, refunded, in the night market, of a launch, through a guide's shares and groups), views,
 * visits and a week of layers. Days (brand time, Asia/Shanghai): D1 Mon 2026-11-23, D2 Tue
 * 2026-11-24, D3 Wed 2026-11-25 (会员日, "today" at 20:00).
 *
 * Members (id: joined, source):
 *   1 G guide 09-01 direct · 2 K 2025-01-01 direct · 3 A 10-01 share · 4 J 10-15 direct ·
 *   5 L 11-10 group · 6 M 11-17 direct · 7 B D1 10:00 guide · 8 C D1 23:30 direct ·
 *   9 E D2 00:10 group · 10 F D2 12:00 poster, erased D2 18:00 · 11 H D3 09:00 share
 * Visits: A 11-01, 11-20 … 11-25 · G 11-10, 11-24, 11-25 · J 11-12, 11-25 · K D1, D2 · L 11-18 ·
 *   B D1, D2 · C D1 · E D2, D3 · F D2 · H D3
 *   D1: DAU A K B C = 4; WAU [11-17, 11-23] A K L B C = 5; MAU [10-25, 11-23] A G J K L B C = 7
 *   D2: DAU A G K B E F = 6; WAU [11-18, 11-24] + G E F = 8; MAU [10-26, 11-24] + J = 9
 *       (the next day's start: [11-19, 11-24] = 7 without L; [10-27, 11-24] = 9)
 *   D3: DAU A G J E H = 5; new in 7 days J H, in 30 days H: WAU 7 + 2 = 9, MAU 9 + 1 = 10
 * Check-ins: A 11-21 (1) … D3 (5) · B D1 (1), D2 (2) · C D1 (1) · K 11-22 (364), D1 (365), D2 (366)
 *   · E D2 (1) · G 11-22 (38), D1 (39), D2 (40), and a 补签 of 11-20 made on D2
 *   streaks alive: D1 1: B C, 2–6: A, 30–364: G, 365+: K · D2 1: E C, 2–6: A B, 30–364: G, 365+: K ·
 *   D3 1: E, 2–6: A B, 30–364: G, 365+: K
 * Points (book_points): before D1 A +100 (expires 12-31), K +500, G +100, J +20 (expires 11-23)
 *   = 720; D1 +10 × A B C K, A −30 redeem → 730; D2 J −20 expire, +10 × A B E G K, G −20 补签,
 *   B −5 paid draw, K −200 redeem → 535; D3 A +10, E +10 prize → 555. Expiring in December: A's
 *   first lot, 70 left after the redeem.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '@cloud/db/port';
import { DEFAULT_BRAND_SETTINGS, type BrandSettings } from '@cloud/domain/brand-settings';
import type { DayFigures } from '@cloud/domain/kpis';
import type { Actor, UseCaseContext } from '@cloud/services/context';
import { Failure } from '@cloud/services/failure';
import { runJob } from '@cloud/services/jobs/run-job';
import { adminKpis } from '@cloud/services/kpis/admin-kpis';
import { dayFigures } from '@cloud/services/kpis/day-figures';
import { kpiRollupJob, rollupDay } from '@cloud/services/kpis/rollup';
import { backends, useTestDatabase } from '../support/databases';
import { adapters, at } from '../support/fixtures';

const brand: BrandSettings = {
  ...DEFAULT_BRAND_SETTINGS,
  // Monday nights 鞋履 (category 1), Tuesday nights 童装 (category 2).
  nightMarket: { ...DEFAULT_BRAND_SETTINGS.nightMarket, categoryByWeekday: ['1', '2', null, null, null, null, null] },
};
const admin = { memberId: '1', openid: 'kpi-admin', role: 'admin', tier: 'normal', joinedAt: new Date() } as Actor;
const ctxAt = (db: Db, beijing: string): UseCaseContext => ({ db, brand, now: at(beijing), adapters });

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

async function seed(db: Db) {
  await db.exec(`
    insert into members (id, openid, role, created_at, source, deleted_at) values
      (1, 'g', 'guide', '2026-09-01 08:00+08', null, null),
      (2, 'k', 'member', '2025-01-01 08:00+08', null, null),
      (3, 'a', 'member', '2026-10-01 08:00+08', 'share', null),
      (4, 'j', 'member', '2026-10-15 08:00+08', null, null),
      (5, 'l', 'member', '2026-11-10 08:00+08', 'group', null),
      (6, 'm', 'member', '2026-11-17 08:00+08', null, null),
      (7, 'b', 'member', '2026-11-23 10:00+08', 'guide', null),
      (8, 'c', 'member', '2026-11-23 23:30+08', null, null),
      (9, 'e', 'member', '2026-11-24 00:10+08', 'group', null),
      (10, 'f', 'member', '2026-11-24 12:00+08', 'poster', '2026-11-24 18:00+08'),
      (11, 'h', 'member', '2026-11-25 09:00+08', 'share', null);
    select setval(pg_get_serial_sequence('members', 'id'), 11);

    insert into member_visits (member_id, day) values
      (3, '2026-11-01'), (3, '2026-11-20'), (3, '2026-11-21'), (3, '2026-11-22'), (3, '2026-11-23'), (3, '2026-11-24'), (3, '2026-11-25'),
      (1, '2026-11-10'), (1, '2026-11-24'), (1, '2026-11-25'), (4, '2026-11-12'), (4, '2026-11-25'),
      (2, '2026-11-23'), (2, '2026-11-24'), (5, '2026-11-18'), (7, '2026-11-23'), (7, '2026-11-24'), (8, '2026-11-23'),
      (9, '2026-11-24'), (9, '2026-11-25'), (10, '2026-11-24'), (11, '2026-11-25');

    insert into checkins (member_id, day, streak, points, created_at, kind) values
      (3, '2026-11-21', 1, 10, '2026-11-21 08:00+08', 'checkin'), (3, '2026-11-22', 2, 10, '2026-11-22 08:00+08', 'checkin'),
      (3, '2026-11-23', 3, 10, '2026-11-23 08:00+08', 'checkin'), (3, '2026-11-24', 4, 10, '2026-11-24 08:00+08', 'checkin'),
      (3, '2026-11-25', 5, 10, '2026-11-25 08:00+08', 'checkin'),
      (7, '2026-11-23', 1, 10, '2026-11-23 10:05+08', 'checkin'), (7, '2026-11-24', 2, 10, '2026-11-24 08:00+08', 'checkin'),
      (8, '2026-11-23', 1, 10, '2026-11-23 23:40+08', 'checkin'),
      (2, '2026-11-23', 365, 10, '2026-11-23 08:00+08', 'checkin'), (2, '2026-11-24', 366, 10, '2026-11-24 08:00+08', 'checkin'),
      (9, '2026-11-24', 1, 10, '2026-11-24 08:00+08', 'checkin'),
      (2, '2026-11-22', 364, 10, '2026-11-22 08:00+08', 'checkin'),
      (1, '2026-11-22', 38, 10, '2026-11-22 08:00+08', 'checkin'), (1, '2026-11-23', 39, 10, '2026-11-23 08:00+08', 'checkin'),
      (1, '2026-11-24', 40, 10, '2026-11-24 08:00+08', 'checkin'),
      (1, '2026-11-20', 1, 0, '2026-11-24 09:00+08', 'makeup');

    select book_points(3, 100, 'admin_adjust', 'pre-a', null, '2026-11-01 10:00+08', '2026-12-31', null);
    select book_points(2, 500, 'admin_adjust', 'pre-k', null, '2026-10-01 10:00+08', '2027-01-31', null);
    select book_points(1, 100, 'admin_adjust', 'pre-g', null, '2026-09-01 10:00+08', '2027-09-30', null);
    select book_points(4, 20, 'admin_adjust', 'pre-j', null, '2026-10-15 10:00+08', '2026-11-23', null);
    select book_points(id, 10, 'checkin', id || ':2026-11-23', null, '2026-11-23 08:00+08', '2027-11-30', null) from members where id in (3, 7, 8, 2);
    select book_points(3, -30, 'redeem', 'r-a', null, '2026-11-23 12:00+08', null, null);
    select book_points(4, -20, 'expire', 'x-j', null, '2026-11-24 00:05+08', null, null);
    select book_points(id, 10, 'checkin', id || ':2026-11-24', null, '2026-11-24 08:00+08', '2027-11-30', null) from members where id in (3, 7, 9, 1, 2);
    select book_points(1, -20, 'makeup', 'mk-g', null, '2026-11-24 09:00+08', null, null);
    select book_points(7, -5, 'lottery_draw', 'ld-b', null, '2026-11-24 12:05+08', null, null);
    select book_points(2, -200, 'redeem', 'r-k', null, '2026-11-24 15:30+08', null, null);
    select book_points(3, 10, 'checkin', '3:2026-11-25', null, '2026-11-25 08:00+08', '2027-11-30', null);
    select book_points(9, 10, 'lottery', 'lp-e', null, '2026-11-25 12:00+08', '2027-11-30', null);

    insert into categories (id, name, position) values (1, '鞋履', 1), (2, '童装', 2);
    insert into products (id, category_id, name, launch_starts_at, launch_ends_at) values
      (1, 1, '小白鞋', null, null), (2, 2, '儿童卫衣', '2026-11-20 10:00+08', '2026-11-30 10:00+08');
    insert into product_skus (id, product_id, size, color, price_fen, stock) values (1, 1, '38', '白色', 29900, 100), (2, 2, '120', '黄色', 19900, 100);
    insert into coupon_templates (id, name, kind, amount_off_fen, threshold_fen, valid_days) values (1, '满100减20', 'amount_off', 2000, 10000, 30);
    insert into lottery_campaigns (id, name, starts_at, ends_at, draws_per_day, wins_per_day, wins_per_campaign)
      values (1, '签到抽奖', '2026-11-01 00:00+08', '2026-12-31 00:00+08', 3, 1, 10);
    insert into lottery_prizes (id, campaign_id, position, kind, name, odds, value_fen, coupon_template_id, points) values
      (1, 1, 1, 'none', '谢谢参与', 7000, 0, null, null), (2, 1, 2, 'points', '10 积分', 2500, 10, null, 10),
      (3, 1, 3, 'coupon', '满100减20券', 400, 2000, 1, null), (4, 1, 4, 'goods', '帆布袋', 100, 3000, null, null);
    insert into lottery_draws (campaign_id, member_id, request_id, prize_id, created_at) values
      (1, 3, 'd1-a', 1, '2026-11-23 12:00+08'), (1, 7, 'd1-b', 4, '2026-11-23 13:00+08'),
      (1, 3, 'd2-a', 3, '2026-11-24 12:00+08'), (1, 7, 'd2-b', 3, '2026-11-24 12:05+08'), (1, 2, 'd2-k', 1, '2026-11-24 13:00+08'),
      (1, 9, 'd3-e', 2, '2026-11-25 12:00+08'), (1, 3, 'd3-a', 1, '2026-11-25 12:30+08');

    insert into shares (id, sharer_id, kind, product_id, created_at) values
      ('shareS1', 1, 'product', 2, '2026-11-20 09:00+08'), ('shareS2', 1, 'product', 1, '2026-11-24 10:00+08'),
      ('shareS3', 3, 'product', 1, '2026-11-23 12:00+08');
    insert into share_clicks (share_id, viewer_id, group_id, first_clicked_at, last_clicked_at) values
      ('shareS1', 7, null, '2026-11-20 10:00+08', '2026-11-24 22:00+08'),
      ('shareS1', 9, 'grp-1', '2026-11-24 00:20+08', '2026-11-24 00:20+08'),
      ('shareS1', 4, 'grp-1', '2026-11-25 11:50+08', '2026-11-25 11:50+08'),
      ('shareS2', 7, 'grp-2', '2026-11-24 22:50+08', '2026-11-24 22:50+08'),
      ('shareS3', 8, null, '2026-11-23 12:30+08', '2026-11-23 12:30+08');
    insert into group_visits (group_id, member_id, day) values
      ('grp-1', 7, '2026-11-23'), ('grp-3', 3, '2026-11-23'), ('grp-3', 8, '2026-11-23'),
      ('grp-1', 9, '2026-11-24'), ('grp-1', 7, '2026-11-24'), ('grp-2', 7, '2026-11-24'),
      ('grp-1', 4, '2026-11-25'), ('grp-1', 9, '2026-11-25');
    insert into wechat_groups (group_id, first_seen_on, name, named_at) values
      ('grp-1', '2026-11-20', '森屿宝妈群', '2026-11-20 12:00+08'), ('grp-2', '2026-11-24', null, null), ('grp-3', '2026-11-23', 'VIP群', '2026-11-23 12:00+08');
    insert into product_views (member_id, product_id, day) values
      (3, 1, '2026-11-23'), (7, 1, '2026-11-23'), (8, 2, '2026-11-23'),
      (9, 2, '2026-11-24'), (7, 2, '2026-11-24'), (3, 1, '2026-11-24');

    insert into orders (id, member_id, request_id, status, product_id, sku_id, qty, product_name, sku_label, category_id, list_price_fen,
        unit_price_fen, total_fen, shipping_fen, created_at, expires_at, paid_at, cancelled_at, refunded_at, night_market, member_day, share_id, group_id)
      values
      (1, 3, 'o1', 'paid', 1, 1, 1, '小白鞋', '38 白色', 1, 29900, 29900, 29900, 0, '2026-11-23 09:00+08', '2026-11-23 09:15+08', '2026-11-23 09:02+08', null, null, false, false, null, null),
      (2, 7, 'o2', 'paid', 1, 1, 1, '小白鞋', '38 白色', 1, 14000, 14000, 15000, 1000, '2026-11-23 22:30+08', '2026-11-23 22:45+08', '2026-11-23 22:31+08', null, null, true, false, 'shareS1', 'grp-1'),
      (3, 8, 'o3', 'cancelled', 2, 2, 1, '儿童卫衣', '120 黄色', 2, 19900, 19900, 19900, 0, '2026-11-23 23:50+08', '2026-11-24 00:05+08', null, '2026-11-24 00:05+08', null, false, false, null, null),
      (4, 3, 'o4', 'paid', 1, 1, 1, '小白鞋', '38 白色', 1, 11900, 11900, 9900, 0, '2026-11-24 09:30+08', '2026-11-24 09:45+08', '2026-11-24 09:31+08', null, null, true, false, null, null),
      (5, 9, 'o5', 'refunded', 2, 2, 2, '儿童卫衣', '120 黄色', 2, 20000, 20000, 40000, 0, '2026-11-24 12:00+08', '2026-11-24 12:15+08', '2026-11-24 12:01+08', null, '2026-11-25 11:00+08', false, false, 'shareS1', 'grp-1'),
      (6, 7, 'o6', 'paid', 2, 2, 1, '儿童卫衣', '120 黄色', 2, 19900, 19900, 19900, 0, '2026-11-24 23:00+08', '2026-11-24 23:15+08', '2026-11-24 23:01+08', null, null, true, false, 'shareS2', 'grp-2'),
      (7, 2, 'o7', 'refunded', 1, 1, 1, '小白鞋', '38 白色', 1, 30000, 30000, 30000, 0, '2026-11-24 15:00+08', '2026-11-24 15:15+08', '2026-11-24 15:01+08', null, '2026-11-24 20:00+08', false, false, null, null),
      (8, 3, 'o8', 'paid', 2, 2, 1, '儿童卫衣', '120 黄色', 2, 30000, 30000, 30000, 0, '2026-11-25 10:30+08', '2026-11-25 10:45+08', '2026-11-25 10:31+08', null, null, false, true, null, null),
      (9, 11, 'o9', 'pending', 1, 1, 1, '小白鞋', '38 白色', 1, 29900, 29900, 29900, 0, '2026-11-25 11:00+08', '2026-11-25 11:15+08', null, null, null, false, true, null, null),
      (10, 4, 'o10', 'paid', 1, 1, 1, '小白鞋', '38 白色', 1, 50000, 50000, 50000, 0, '2026-11-25 12:00+08', '2026-11-25 12:15+08', '2026-11-25 12:01+08', null, null, false, true, 'shareS1', 'grp-1');
    select setval(pg_get_serial_sequence('orders', 'id'), 10);

    insert into coupons (id, template_id, member_id, code, source, source_id, issued_at, valid_from, valid_until, used_at, order_id) values
      (1, 1, 3, 'KPI000000001', 'admin', 'c1', '2026-11-23 10:00+08', '2026-11-23', '2026-12-23', '2026-11-24 09:31+08', 4),
      (2, 1, 3, 'KPI000000002', 'lottery', 'c2', '2026-11-24 12:00+08', '2026-11-24', '2026-12-24', null, null),
      (3, 1, 7, 'KPI000000003', 'lottery', 'c3', '2026-11-24 12:05+08', '2026-11-24', '2026-12-24', '2026-11-25 10:00+08', null);

    insert into layer_sizes (day, layer, members) values
      ('2026-11-17', 'new', 2), ('2026-11-17', 'regular', 3),
      ('2026-11-24', 'new', 3), ('2026-11-24', 'regular', 2), ('2026-11-24', 'high', 1);
    insert into layer_movements (day, from_layer, to_layer, members) values
      ('2026-11-16', 'regular', 'dormant', 5), ('2026-11-20', 'regular', 'high', 1),
      ('2026-11-24', 'new', 'regular', 1), ('2026-11-24', 'none', 'new', 2);
  `);
}

/** Rolls each day up the morning after, as the nightly job does. */
async function rollUp(db: Db, days: string[]) {
  for (const day of days) {
    const next = new Date(at(`${day} 00:10:00`).getTime() + 86_400_000);
    await db.transaction((tx) => rollupDay(tx, day, brand, next));
  }
}

const ROLLED = ['2026-10-04', '2026-11-15', '2026-11-22', '2026-11-23', '2026-11-24'];

/** The figures of D1, D2 and D3 worked out by hand (see the header). */
const D1: Omit<DayFigures, 'visitors6' | 'visitors29' | 'cohort'> = {
  day: '2026-11-23',
  newMembers: { share: 0, guide: 1, group: 0, poster: 0, direct: 1 },
  totalMembers: 8,
  dau: 4,
  wau: 5,
  mau: 7,
  payers: { d6: 2, d7: 2, d29: 2, d30: 2 },
  checkins: 5,
  makeups: 0,
  streaks: { '1': 2, '2-6': 1, '7-29': 0, '30-364': 1, '365+': 1 },
  points: { issued: 40, redeemed: 30, expired: 0, liability: 730, expiringNextMonth: 70 },
  lottery: { draws: 2, prizes: [{ prizeId: '4', awards: 1, costFen: 3000 }] },
  coupons: { issued: 1, used: 0 },
  orders: { created: 3, createdPaid: 2, paid: 2, gmvFen: 43_900, payingMembers: 2, refunds: 0, refundFen: 0 },
  night: [{ categoryId: '1', visitors: 2, orders: 1, gmvFen: 14_000 }],
  launches: [],
};
const D2: typeof D1 = {
  day: '2026-11-24',
  newMembers: { share: 0, guide: 0, group: 1, poster: 1, direct: 0 },
  totalMembers: 9,
  dau: 6,
  wau: 8,
  mau: 9,
  payers: { d6: 4, d7: 4, d29: 4, d30: 4 },
  checkins: 5,
  makeups: 1,
  streaks: { '1': 2, '2-6': 2, '7-29': 0, '30-364': 1, '365+': 1 },
  points: { issued: 50, redeemed: 225, expired: 20, liability: 535, expiringNextMonth: 70 },
  lottery: { draws: 3, prizes: [{ prizeId: '3', awards: 2, costFen: 4000 }] },
  coupons: { issued: 2, used: 1 },
  orders: { created: 4, createdPaid: 4, paid: 4, gmvFen: 99_800, payingMembers: 4, refunds: 1, refundFen: 30_000 },
  night: [
    { categoryId: '1', visitors: 0, orders: 1, gmvFen: 9_900 },
    { categoryId: '2', visitors: 2, orders: 1, gmvFen: 19_900 },
  ],
  launches: [{ productId: '2', orders: 2, qty: 3, gmvFen: 59_900 }],
};
const D3: typeof D1 = {
  day: '2026-11-25',
  newMembers: { share: 1, guide: 0, group: 0, poster: 0, direct: 0 },
  totalMembers: 10,
  dau: 5,
  wau: 9,
  mau: 10,
  payers: { d7: 5, d30: 5 },
  checkins: 1,
  makeups: 0,
  streaks: { '1': 1, '2-6': 2, '7-29': 0, '30-364': 1, '365+': 1 },
  points: { issued: 20, redeemed: 0, expired: 0, liability: 555, expiringNextMonth: 70 },
  lottery: { draws: 2, prizes: [{ prizeId: '2', awards: 1, costFen: 10 }] },
  coupons: { issued: 0, used: 1 },
  orders: { created: 3, createdPaid: 2, paid: 2, gmvFen: 80_000, payingMembers: 2, refunds: 1, refundFen: 40_000 },
  night: [],
  launches: [{ productId: '2', orders: 1, qty: 1, gmvFen: 30_000 }],
};

const rolledFigures = async (db: Db, day: string) =>
  (await db.query<{ figures: DayFigures }>('select figures from kpi_daily where day = $1', [day])).rows[0]?.figures;

describe.each(backends)('admin.kpis on %s', (backend) => {
  const t = useTestDatabase(backend);

  it('rolls up each day with the figures worked out by hand, the next days starting counts and a Sunday its cohorts', async () => {
    await seed(t.db);
    await rollUp(t.db, ROLLED);
    expect(await rolledFigures(t.db, '2026-11-23')).toEqual({ ...D1, visitors6: 5, visitors29: 7 });
    expect(await rolledFigures(t.db, '2026-11-24')).toEqual({ ...D2, visitors6: 7, visitors29: 9 });
    expect((await rolledFigures(t.db, '2026-11-22'))!.cohort).toEqual({ week: '2026-11-16', members: 1, active: { '2026-09-28': 1, '2026-11-09': 1 } });
    expect((await rolledFigures(t.db, '2026-11-15'))!.cohort).toEqual({ week: '2026-11-09', members: 1, active: { '2026-10-12': 1 } });
    expect((await rolledFigures(t.db, '2026-10-04'))!.cohort).toEqual({ week: '2026-09-28', members: 1, active: {} });
    const guides = await t.db.query(`select day, guide_id, shares, clicks, orders, gmv_fen from kpi_daily_guides order by day, guide_id`);
    expect(guides.rows).toEqual([
      { day: '2026-11-23', guide_id: '1', shares: 0, clicks: 0, orders: 1, gmv_fen: '14000' },
      { day: '2026-11-24', guide_id: '1', shares: 1, clicks: 2, orders: 2, gmv_fen: '59900' },
    ]);
    const groups = await t.db.query(`select day, group_id, active_members, clicks, orders, gmv_fen from kpi_daily_groups order by day, group_id`);
    expect(groups.rows).toEqual([
      { day: '2026-11-23', group_id: 'grp-1', active_members: 1, clicks: 0, orders: 1, gmv_fen: '14000' },
      { day: '2026-11-23', group_id: 'grp-3', active_members: 2, clicks: 0, orders: 0, gmv_fen: '0' },
      { day: '2026-11-24', group_id: 'grp-1', active_members: 2, clicks: 1, orders: 1, gmv_fen: '40000' },
      { day: '2026-11-24', group_id: 'grp-2', active_members: 1, clicks: 1, orders: 1, gmv_fen: '19900' },
    ]);
    // Rolled up again, a day writes the same rows once.
    await rollUp(t.db, ['2026-11-24']);
    expect(await rolledFigures(t.db, '2026-11-24')).toEqual({ ...D2, visitors6: 7, visitors29: 9 });
    expect((await t.db.query(`select count(*)::int as n from kpi_daily_guides where day = '2026-11-24'`)).rows).toEqual([{ n: 1 }]);
  });

  it('computes a day live as the rollup does: with the day before (WAU and MAU from its counts and bitmaps) and without it', async () => {
    await seed(t.db);
    await rollUp(t.db, ['2026-11-24']);
    const before = (await rolledFigures(t.db, '2026-11-24'))!;
    // Bit n of byte n / 8. Visited [11-19, 11-24]: G K A B | C E F = 0x8e 0x07; [10-27, 11-24] adds J and L: 0xbe 0x07.
    // Paid in both: K A B | E = 0x8c 0x02.
    const row = (await t.db.query<Record<string, Uint8Array>>(`select visited6, visited29, paid6, paid29 from kpi_window_bits where day = '2026-11-24'`)).rows[0]!;
    expect(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Buffer.from(v).toString('hex')]))).toEqual({ visited6: '8e07', visited29: 'be07', paid6: '8c02', paid29: '8c02' });
    const chained = await dayFigures(t.db, '2026-11-25', brand, { now: at('2026-11-25 20:00:00'), previous: before, bitsBefore: true, rollup: false });
    const alone = await dayFigures(t.db, '2026-11-25', brand, { now: at('2026-11-25 20:00:00'), previous: null, rollup: false });
    expect(chained).toEqual(D3);
    expect(alone).toEqual(D3);
    // The next morning's rollup of the same day agrees with the live figures.
    await rollUp(t.db, ['2026-11-25']);
    const { visitors6, visitors29, payers, ...rolled } = (await rolledFigures(t.db, '2026-11-25'))!;
    expect({ ...rolled, payers: { d7: payers!.d7, d30: payers!.d30 } }).toEqual(D3);
    // [11-20, 11-25] and [10-28, 11-25]: A G J K B C E F H, and L too for the month; paid: A B E K J.
    expect([visitors6, visitors29, payers!.d6, payers!.d29]).toEqual([9, 10, 5, 5]);
  });

  it('answers 昨天 against the day before, with changes, rankings, layers and the night market', async () => {
    await seed(t.db);
    await rollUp(t.db, ROLLED);
    const k = ok(await adminKpis(ctxAt(t.db, '2026-11-25 20:00:00'), admin, { period: 'yesterday' }));
    expect(k.period).toEqual({ key: 'yesterday', from: '2026-11-24', to: '2026-11-24', days: 1, previous: { from: '2026-11-23', to: '2026-11-23' } });
    expect(k.coverage).toEqual({ rolledUp: 2, live: [], missing: [] });
    expect(k.figures).toEqual({
      newMembers: { value: 2, previous: 2, change: 0 },
      totalMembers: { value: 9, previous: 8, change: 0.125 },
      dau: { value: 6, previous: 4, change: 0.5 },
      wau: { value: 8, previous: 5, change: 0.6 },
      mau: { value: 9, previous: 7, change: 0.2857 },
      checkins: { value: 5, previous: 5, change: 0 },
      checkinRate: { value: 0.8333, previous: 1.25, change: -0.3334 },
      makeups: { value: 1, previous: 0, change: null },
      pointsIssued: { value: 50, previous: 40, change: 0.25 },
      pointsRedeemed: { value: 225, previous: 30, change: 6.5 },
      pointsExpired: { value: 20, previous: 0, change: null },
      pointsLiability: { value: 535, previous: 730, change: -0.2671 },
      draws: { value: 3, previous: 2, change: 0.5 },
      awards: { value: 2, previous: 1, change: 1 },
      awardsCostFen: { value: 4000, previous: 3000, change: 0.3333 },
      couponsIssued: { value: 2, previous: 1, change: 1 },
      couponsUsed: { value: 1, previous: 0, change: null },
      couponUseRate: { value: 0.5, previous: 0, change: null },
      orders: { value: 4, previous: 2, change: 1 },
      gmvFen: { value: 99_800, previous: 43_900, change: 1.2733 },
      aovFen: { value: 24_950, previous: 21_950, change: 0.1367 },
      payingMembers: { value: 4, previous: 2, change: 1 },
      conversion: { value: 1, previous: 0.6667, change: 0.4999 },
      refunds: { value: 1, previous: 0, change: null },
      refundFen: { value: 30_000, previous: 0, change: null },
    });
    expect(k.guides).toEqual([{ guideId: '1', nickname: null, shares: 1, clicks: 2, orders: 2, gmvFen: 59_900, conversion: 1 }]);
    const grp1 = { groupId: 'grp-1', name: '森屿宝妈群', activeMembers: 2, clicks: 1, orders: 1, gmvFen: 40_000, conversion: 1 };
    const grp2 = { groupId: 'grp-2', name: null, activeMembers: 1, clicks: 1, orders: 1, gmvFen: 19_900, conversion: 1 };
    expect(k.groups).toEqual({ byActive: [grp1, grp2], byClicks: [grp1, grp2], byConversion: [] });
    expect(k.trade.nightMarket).toEqual([
      { categoryId: '2', name: '童装', visitors: 2, orders: 1, gmvFen: 19_900 },
      { categoryId: '1', name: '鞋履', visitors: 0, orders: 1, gmvFen: 9_900 },
    ]);
    expect(k.trade.launches).toEqual([
      { productId: '2', name: '儿童卫衣', launchStartsAt: '2026-11-20T10:00:00+08:00', launchEndsAt: '2026-11-30T10:00:00+08:00', orders: 2, qty: 3, gmvFen: 59_900 },
    ]);
    expect(k.lottery.prizes).toEqual([{ prizeId: '3', name: '满100减20券', campaignName: '签到抽奖', kind: 'coupon', awards: 2, costFen: 4000 }]);
    expect(k.activity.streaks.map((s) => [s.key, s.members])).toEqual([['1', 2], ['2-6', 2], ['7-29', 0], ['30-364', 1], ['365+', 1]]);
    expect(k.points).toMatchObject({ liability: { points: 535, fen: 535 }, fenPerPoint: 1, expiringNextMonth: { month: '2026-12', points: 70, fen: 70 } });
    expect(k.layers).toEqual({
      day: '2026-11-24',
      comparedWith: '2026-11-17',
      sizes: [
        { key: 'new', name: '新客', members: 3, previous: 2, change: 0.5 },
        { key: 'high', name: '高价值', members: 1, previous: 0, change: null },
        { key: 'potential', name: '潜力', members: 0, previous: 0, change: 0 },
        { key: 'dormant', name: '沉睡', members: 0, previous: 0, change: 0 },
        { key: 'at_risk', name: '流失预警', members: 0, previous: 0, change: 0 },
        { key: 'regular', name: '一般', members: 2, previous: 3, change: -0.3333 },
      ],
      movements: [
        { from: 'new', fromName: '新客', to: 'regular', toName: '一般', members: 1 },
        { from: 'regular', fromName: '一般', to: 'high', toName: '高价值', members: 1 },
      ],
    });
    // The series covers the week up to the day; days never rolled up are left out.
    expect(k.trade.series).toEqual([
      { day: '2026-11-22', orders: 0, gmvFen: 0, payingMembers: 0, refunds: 0 },
      { day: '2026-11-23', orders: 2, gmvFen: 43_900, payingMembers: 2, refunds: 0 },
      { day: '2026-11-24', orders: 4, gmvFen: 99_800, payingMembers: 4, refunds: 1 },
    ]);
    expect(k.growth.bySource.find((s) => s.source === 'poster')).toEqual({ source: 'poster', name: '海报', members: 1 });
  });

  it('answers 今天 live against yesterday, as the next day answers 昨天 once today is rolled up', async () => {
    await seed(t.db);
    await rollUp(t.db, ROLLED);
    const today = ok(await adminKpis(ctxAt(t.db, '2026-11-25 20:00:00'), admin, { period: 'today' }));
    expect(today.coverage).toEqual({ rolledUp: 1, live: ['2026-11-25'], missing: [] });
    expect(today.figures.checkins).toEqual({ value: 1, previous: 5, change: -0.8 });
    expect(today.figures.wau).toEqual({ value: 9, previous: 8, change: 0.125 });
    expect(today.figures.mau).toEqual({ value: 10, previous: 9, change: 0.1111 });
    expect(today.figures.refundFen).toEqual({ value: 40_000, previous: 30_000, change: 0.3333 });
    expect(today.guides).toEqual([{ guideId: '1', nickname: null, shares: 0, clicks: 1, orders: 1, gmvFen: 50_000, conversion: 1 }]);
    expect(today.groups.byActive).toEqual([{ groupId: 'grp-1', name: '森屿宝妈群', activeMembers: 2, clicks: 1, orders: 1, gmvFen: 50_000, conversion: 1 }]);
    // Retention: the cohort of 09-28 (A) came back in the week of 11-16, not in that of 11-09; L's (11-09) in its first week.
    const cohorts = Object.fromEntries(today.retention.cohorts.map((c) => [c.week, c]));
    expect(today.retention.lastWeek).toBe('2026-11-16');
    expect(cohorts['2026-09-28']).toEqual({ week: '2026-09-28', members: 1, active: [null, null, null, null, null, 0, 1, null] });
    expect(cohorts['2026-11-09']).toEqual({ week: '2026-11-09', members: 1, active: [1, null, null, null, null, null, null, null] });
    // Member day (today) is not over: the uplift looks at the 28 days before, which hold no Wednesday rolled up.
    expect(today.trade.memberDay).toMatchObject({ from: '2026-10-28', to: '2026-11-24', memberDays: 0, baselineDays: 2, baselineAvgFen: 71_850, uplift: null });

    await rollUp(t.db, ['2026-11-25']);
    const tomorrow = ok(await adminKpis(ctxAt(t.db, '2026-11-26 08:00:00'), admin, { period: 'yesterday' }));
    expect(tomorrow.figures).toEqual(today.figures);
    expect(tomorrow.guides).toEqual(today.guides);
    expect(tomorrow.groups).toEqual(today.groups);

    // 近 7 天 on the 26th: Wednesday the 25th against Monday–Tuesday; paying members counted distinct over the days.
    const week = ok(await adminKpis(ctxAt(t.db, '2026-11-26 08:00:00'), admin, { period: '7d' }));
    expect(week.period).toMatchObject({ from: '2026-11-20', to: '2026-11-26', previous: { from: '2026-11-13', to: '2026-11-19' } });
    expect(week.trade.memberDay).toMatchObject({ from: '2026-11-20', to: '2026-11-25', memberDays: 1, memberDayAvgFen: 80_000, baselineAvgFen: 71_850, uplift: 0.1134 });
    expect(week.figures.payingMembers).toEqual({ value: 5, previous: null, change: null });
    expect(week.coverage.missing).toEqual(['2026-11-13', '2026-11-14', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21']);
    expect(week.figures.orders).toEqual({ value: 8, previous: null, change: null });
    expect(week.groups.byActive[0]).toEqual({ groupId: 'grp-1', name: '森屿宝妈群', activeMembers: 0.7, clicks: 2, orders: 3, gmvFen: 104_000, conversion: 1 });
  });

  it('computes yesterday live while the job has not rolled it up (just after midnight)', async () => {
    await seed(t.db);
    await rollUp(t.db, ['2026-11-23']);
    const early = ok(await adminKpis(ctxAt(t.db, '2026-11-25 00:05:00'), admin, { period: 'yesterday' }));
    expect(early.coverage.live).toEqual(['2026-11-24']);
    expect(early.figures.mau).toEqual({ value: 9, previous: 7, change: 0.2857 });
    expect(early.figures.gmvFen).toEqual({ value: 99_800, previous: 43_900, change: 1.2733 });
    expect(early.guides).toEqual([{ guideId: '1', nickname: null, shares: 1, clicks: 2, orders: 2, gmvFen: 59_900, conversion: 1 }]);
    expect(await rolledFigures(t.db, '2026-11-24')).toBeUndefined();
  });

  it('refuses a range after today or longer than 366 days', async () => {
    const after = await adminKpis(ctxAt(t.db, '2026-11-25 20:00:00'), admin, { period: { from: '2026-11-20', to: '2026-11-26' } });
    expect(after).toEqual(new Failure('INVALID_PARAMS', '请求参数有误：结束日期不能晚于今天'));
    const long = await adminKpis(ctxAt(t.db, '2026-11-25 20:00:00'), admin, { period: { from: '2025-11-01', to: '2026-11-25' } });
    expect(long).toEqual(new Failure('INVALID_PARAMS', '请求参数有误：日期范围最多 366 天'));
  });

  it('the nightly job fills the days without a rollup, oldest first, once; a day removed is filled again the same', async () => {
    await seed(t.db);
    const job = kpiRollupJob({ backfillDays: 5 });
    const run = (beijing: string) => runJob(t.db, job, { brand, day: beijing.slice(0, 10), now: at(beijing) });
    expect(await run('2026-11-26 00:10:00')).toMatchObject({ job: 'kpi-rollup', result: { days: 5 }, run: { state: 'finished', batches: 6, rows: 5 } });
    const days = async () => (await t.db.query<{ day: string }>('select day from kpi_daily order by day')).rows.map((r) => r.day);
    expect(await days()).toEqual(['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']);
    const { visitors6, visitors29, payers, ...d3 } = (await rolledFigures(t.db, '2026-11-25'))!;
    expect({ ...d3, payers: { d7: payers!.d7, d30: payers!.d30 } }).toEqual(D3);
    expect(await run('2026-11-26 03:00:00')).toBeNull();

    const all = async () => (await t.db.query(`select day, figures from kpi_daily order by day`)).rows;
    const guides = async () => (await t.db.query(`select * from kpi_daily_guides order by day, guide_id`)).rows;
    const [figuresBefore, guidesBefore] = [await all(), await guides()];
    await t.db.exec(`delete from kpi_daily where day = '2026-11-23'; delete from kpi_daily_guides where day = '2026-11-23'`);
    expect(await run('2026-11-27 00:10:00')).toMatchObject({ result: { days: 2 }, run: { state: 'finished' } });
    expect(await days()).toEqual(['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']);
    expect((await all()).slice(0, 5)).toEqual(figuresBefore);
    expect(await guides()).toEqual(guidesBefore);
    expect([visitors6, visitors29]).toEqual([9, 10]);
  });
});
