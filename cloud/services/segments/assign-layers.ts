/**
 * RFM scores, the churn flag and the value layer of every member, in one pass over the read
 * model: the same rules as domain/value-layers.ts (layerOf) and domain/churn.ts (churnState),
 * said in SQL. R, F and M are NTILE(5) over the members with a paid order in 365 days, ordered by
 * the last order day, the order count and the GMV, ties by member id (5 is best); ages count to
 * the run's day. Only rows whose scores, flag or layer changed are written. The count per layer
 * is kept per day and every move between layers is counted for the day it happened.
 */
import type { Queryable } from '../../db/port';
import type { SegmentationSettings } from '../../domain/value-layers';
import { FACTS_RUN } from './facts-sql';

export async function assignLayers(tx: Queryable, settings: SegmentationSettings, day: string): Promise<{ members: number; moved: number }> {
  const { churn, highValue: hv, potential: pt } = settings;
  const { rows } = await tx.query<{ members: string; moved: string }>(
    `with scored as (
       select member_id,
              ntile(5) over (order by last_order_on, member_id) as r,
              ntile(5) over (order by orders_365, member_id) as f,
              ntile(5) over (order by gmv_365_fen, member_id) as m
       from member_facts where orders_365 > 0
     ),
     rhythm as (
       select f.member_id, f.layer as old_layer, f.layer_since is null as first_time, s.r, s.f, s.m,
              $3::date - f.last_active_on as silence, f.median_interval_days as median,
              f.last_active_on is not null and f.median_interval_days is not null and f.active_days_90 >= $6
                and $3::date - f.last_active_on > greatest($5::int, ceil($4::numeric * f.median_interval_days)::int)
                and $3::date - f.last_active_on <= $2 as risk,
              case
                when (f.first_order_on is not null and $3::date - f.first_order_on <= $1)
                  or (f.first_order_on is null and $3::date - f.joined_on <= $1) then 'new'
                when f.last_active_on is null or $3::date - f.last_active_on > $2 then 'dormant'
              end as early
       from member_facts f left join scored s on s.member_id = f.member_id
     ),
     decided as (
       select member_id, old_layer, first_time, r, f, m, risk,
              case when risk then
                case when median <= 1 then '平时几乎每天都来' else '平时约 ' || trim_scale(median)::text || ' 天来一次' end
                || '，已 ' || silence || ' 天没来'
              end as reason,
              coalesce(early,
                case
                  when risk then 'at_risk'
                  when r >= $7 and f >= $8 and m >= $9 then 'high'
                  when r >= $10 and f >= $11 and m >= $12 then 'potential'
                  else 'regular'
                end) as layer
       from rhythm
     ),
     updated as (
       update member_facts t set r_score = d.r, f_score = d.f, m_score = d.m, churn_risk = d.risk, churn_reason = d.reason,
              layer = d.layer, layer_since = case when d.first_time or d.layer <> d.old_layer then $3::date else t.layer_since end,
              changed_in = ${FACTS_RUN}
       from decided d
       where d.member_id = t.member_id
         and (d.first_time or (t.r_score, t.f_score, t.m_score, t.churn_risk, t.churn_reason, t.layer) is distinct from (d.r, d.f, d.m, d.risk, d.reason, d.layer))
       returning t.member_id, t.layer, case when d.first_time then 'none' else d.old_layer end as from_layer
     ),
     sizes as (
       insert into layer_sizes (day, layer, members)
       select $3::date, layer, count(*) from decided group by layer
       on conflict (day, layer) do update set members = excluded.members
     ),
     moves as (
       insert into layer_movements (day, from_layer, to_layer, members)
       select $3::date, from_layer, layer, count(*) from updated where from_layer <> layer group by from_layer, layer
       on conflict (day, from_layer, to_layer) do update set members = layer_movements.members + excluded.members
     )
     select (select count(*) from decided) as members, count(*) filter (where from_layer <> layer and from_layer <> 'none') as moved from updated`,
    [settings.newDays, settings.dormantDays, day, churn.k, churn.minSilenceDays, churn.minActiveDays, hv.r, hv.f, hv.m, pt.r, pt.f, pt.m],
  );
  // A layer nobody is in any more keeps no stale count for the day.
  await tx.query(
    `delete from layer_sizes s where s.day = $1::date and not exists (select 1 from member_facts f where f.layer = s.layer)`,
    [day],
  );
  return { members: Number(rows[0]!.members), moved: Number(rows[0]!.moved) };
}
