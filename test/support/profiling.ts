/**
 * A member's segmentation rows written straight in (the nightly run that writes them has tests of
 * its own): for the privacy suites, which export and erase them.
 */
import type { Db } from '@cloud/db/port';

/** A member_facts row: a potential-value member (潜力) at risk of churning, as the nightly run of `day` would write it. */
export async function memberFactsOf(db: Db, memberId: string, day: string): Promise<void> {
  await db.query(
    `insert into member_facts (member_id, joined_on, source, tier, birthday_month, last_visit_on, visit_days_7, visit_days_30,
       checkins_30, checkins_90, current_streak, longest_streak, orders_90, orders_365, gmv_90_fen, gmv_365_fen, first_order_on,
       last_order_on, last_active_on, active_days_90, median_interval_days, categories_bought, categories_viewed, new_launch_views_30,
       top_size, top_color, avg_order_fen, price_band, coupon_share, member_day_share, flash_share, night_share, lottery_draws_30,
       redemptions_365, points_balance, points_expiring_30, shares_30, share_clicks_30, invites_rewarded, groups_seen_90,
       r_score, f_score, m_score, churn_risk, churn_reason, layer, layer_since)
     values ($1, $2, 'share', 'normal', 6, $2, 2, 2, 2, 2, 1, 1, 1, 1, 29900, 29900, $2, $2, $2, 2, 12.5, '{外套}', '{外套}', 0,
       'M', '黑色', 29900, 'mid', 0.5, 0, 0, 0, 1, 1, 100, 0, 1, 1, 0, 1,
       3, 2, 4, true, '平时约 12 天来一次，已 30 天没来', 'potential', $2)`,
    [memberId, day],
  );
  await factsDayIs(db, day);
}

/**
 * The day the read model holds (facts_state), for rows written by hand. Version 0 is no
 * definitions' version: a nightly run after this writes every member afresh.
 */
export async function factsDayIs(db: Db, day: string): Promise<void> {
  await db.query(
    `insert into facts_state (day, computed_at, version, inputs) values ($1, now(), 0, '')
     on conflict (singleton) do update set day = excluded.day, version = 0, inputs = ''`,
    [day],
  );
}

/** A tag (defined if it is not yet) on the member, with the reason a rule gave. */
export async function tagMember(db: Db, memberId: string, tag: { key: string; name: string; addedAt: Date }): Promise<void> {
  await db.query(
    `insert into tag_definitions (key, name, kind, rule) values ($1, $2, 'behaviour', '{"field":"orders_90","op":">=","value":1}')
     on conflict do nothing`,
    [tag.key, tag.name],
  );
  await db.query(
    `insert into member_tags (member_id, tag_key, source, reason, added_at) values ($1, $2, 'rule', '{"orders90":1}', $3)`,
    [memberId, tag.key, tag.addedAt],
  );
}

/** A computed segment (version 1) whose members are these: its id. */
export async function segmentOf(db: Db, memberIds: string[], at: Date): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into segments (name, rule, version, status, member_count, computed_at, created_at, updated_at)
     values ('高潜复购', '{"all":[]}', 1, 'ready', $1, $2, $2, $2) returning id`,
    [memberIds.length, at],
  );
  for (const memberId of memberIds) {
    await db.query('insert into segment_members (segment_id, since_version, member_id) values ($1, 1, $2)', [rows[0]!.id, memberId]);
  }
  return rows[0]!.id;
}
