/**
 * Which share, guide and group an order belongs to: the last share the member clicked within
 * the brand's window (7 days), whatever they visited directly in between.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '@cloud/services/context';
import { productDetail } from '@cloud/services/catalog/product-detail';
import { Failure } from '@cloud/services/failure';
import { createOrder } from '@cloud/services/orders/create-order';
import { createShare } from '@cloud/services/sharing/create-share';
import { localGroupData } from '@cloud/adapters/groups/group-decoder';
import { openShare } from '@cloud/services/sharing/open-share';
import { backends, useTestDatabase } from '../support/databases';
import { addressOf, ctxAt, memberJoinedAt } from '../support/fixtures';
import { testProduct } from '../support/products';

function ok<T>(value: T | Failure): T {
  if (value instanceof Failure) throw new Error(`${value.code}: ${value.message}`);
  return value;
}

describe.each(backends)('order attribution on %s', (backend) => {
  const t = useTestDatabase(backend);
  let n = 0;

  async function guide(openid: string): Promise<Actor> {
    const g = await memberJoinedAt(t.db, openid, '2026-10-01 08:00:00');
    await t.db.query("update members set role = 'guide' where id = $1", [g.memberId]);
    return { ...g, role: 'guide' };
  }

  async function orderAt(member: Actor, skuId: string, when: string) {
    const order = ok(await createOrder(ctxAt(t.db, when), member, { skuId, qty: 1, addressId: await addressOf(t.db, member), requestId: `attribution-${++n}` }));
    const { rows } = await t.db.query<{ share_id: string | null; guide_id: string | null; group_id: string | null }>(
      'select share_id, guide_id, group_id from orders where id = $1',
      [order.id],
    );
    return rows[0]!;
  }

  it('two guides\' shares: the later click wins, a direct visit in between changes nothing, and the window ends after 7 days', async () => {
    const { productId, skus } = await testProduct(t.db, { skus: [{ color: '黑色', size: 'M', priceFen: 19_900, stock: 50 }] });
    const lin = await guide('guide-lin');
    const zhou = await guide('guide-zhou');
    const member = await memberJoinedAt(t.db, 'shopper', '2026-11-01 08:00:00');
    const linShare = ok(await createShare(ctxAt(t.db, '2026-11-02 09:00:00'), lin, { productId }));
    const zhouShare = ok(await createShare(ctxAt(t.db, '2026-11-02 09:00:00'), zhou, { productId }));

    ok(await openShare(ctxAt(t.db, '2026-11-03 10:00:00'), member, { shareId: linShare.shareId, scene: 1044, groupData: localGroupData('G-lin-group') }));
    expect(await orderAt(member, skus[0]!.id, '2026-11-03 10:05:00')).toEqual({ share_id: linShare.shareId, guide_id: lin.memberId, group_id: 'G-lin-group' });

    ok(await openShare(ctxAt(t.db, '2026-11-05 21:00:00'), member, { shareId: zhouShare.shareId, scene: 1007 }));
    // A direct visit (no share) on the 6th does not take the order away from the last share.
    ok(await productDetail(ctxAt(t.db, '2026-11-06 12:00:00'), member, { productId }));
    expect(await orderAt(member, skus[0]!.id, '2026-11-06 12:01:00')).toEqual({ share_id: zhouShare.shareId, guide_id: zhou.memberId, group_id: null });

    // Seven days after the last click the order still counts; a second later it belongs to no one.
    expect(await orderAt(member, skus[0]!.id, '2026-11-12 21:00:00')).toMatchObject({ share_id: zhouShare.shareId });
    expect(await orderAt(member, skus[0]!.id, '2026-11-12 21:00:01')).toEqual({ share_id: null, guide_id: null, group_id: null });

    // Opening 林's card again makes it the last click once more.
    ok(await openShare(ctxAt(t.db, '2026-11-13 08:00:00'), member, { shareId: linShare.shareId }));
    expect(await orderAt(member, skus[0]!.id, '2026-11-13 08:30:00')).toEqual({ share_id: linShare.shareId, guide_id: lin.memberId, group_id: 'G-lin-group' });
  });

  it('a member\'s own share never attributes their order, and a member\'s share brings no guide', async () => {
    const { productId, skus } = await testProduct(t.db);
    const sharer = await memberJoinedAt(t.db, 'sharing-member', '2026-11-01 08:00:00');
    const friend = await memberJoinedAt(t.db, 'friend', '2026-11-01 08:00:00');
    const share = ok(await createShare(ctxAt(t.db, '2026-11-10 09:00:00'), sharer, { productId }));
    ok(await openShare(ctxAt(t.db, '2026-11-10 09:01:00'), sharer, { shareId: share.shareId }));
    expect(await orderAt(sharer, skus[0]!.id, '2026-11-10 09:02:00')).toEqual({ share_id: null, guide_id: null, group_id: null });
    ok(await openShare(ctxAt(t.db, '2026-11-10 10:00:00'), friend, { shareId: share.shareId }));
    expect(await orderAt(friend, skus[0]!.id, '2026-11-10 10:01:00')).toEqual({ share_id: share.shareId, guide_id: null, group_id: null });
  });
});
