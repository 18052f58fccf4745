import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';
import { lockAddressBook } from './save-address';

/** 删除收货地址; when it was the default, the newest remaining address becomes the default. */
export async function removeAddress(ctx: UseCaseContext, actor: Actor, params: { id: string }): Promise<{ id: string } | Failure> {
  return transactionOrFailure(ctx.db, async (tx) => {
    await lockAddressBook(tx, actor.memberId);
    const { rows } = await tx.query<{ is_default: boolean }>('delete from addresses where id = $1 and member_id = $2 returning is_default', [
      params.id,
      actor.memberId,
    ]);
    if (!rows[0]) return fail('NOT_FOUND', '收货地址不存在');
    if (rows[0].is_default) {
      await tx.query(
        'update addresses set is_default = true where id = (select id from addresses where member_id = $1 order by id desc limit 1)',
        [actor.memberId],
      );
    }
    return { id: params.id };
  });
}
