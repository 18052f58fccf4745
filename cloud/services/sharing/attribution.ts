import type { Queryable } from '../../db/port';
import type { BrandSettings } from '../context';

export interface Attribution {
  shareId: string;
  /** The sharer when they are a guide; a member's own share brings no guide. */
  guideId: string | null;
  groupId: string | null;
}

/**
 * Last click wins: an order belongs to the last share the member opened within the brand's
 * attribution window (default 7 days). Visits without a share do not break the chain; a
 * member's click on their own share is never recorded (sharing/open-share.ts).
 */
export async function lastShareClick(db: Queryable, brand: BrandSettings, memberId: string, now: Date): Promise<Attribution | null> {
  const { rows } = await db.query<{ share_id: string; guide_id: string | null; group_id: string | null }>(
    `select k.share_id, case when m.role = 'guide' then s.sharer_id end as guide_id, k.group_id
     from share_clicks k join shares s on s.id = k.share_id join members m on m.id = s.sharer_id
     where k.viewer_id = $1 and k.last_clicked_at >= $2::timestamptz - make_interval(days => $3) and k.last_clicked_at <= $2
     order by k.last_clicked_at desc, k.id desc limit 1`,
    [memberId, now, brand.sharing.attributionDays],
  );
  const r = rows[0];
  return r ? { shareId: r.share_id, guideId: r.guide_id, groupId: r.group_id } : null;
}
