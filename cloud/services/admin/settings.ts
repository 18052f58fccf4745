import type { BrandSettings } from '../../contract';
import { brandSettingsSchema } from '../../domain/brand-settings';
import { fieldProblems } from '../../domain/field-problems';
import { recordAudit } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, Failure, transactionOrFailure } from '../failure';
import { rememberBrandSettings, saveBrandSettings } from '../settings/brand-settings-store';

export async function updateBrandSettings(
  ctx: UseCaseContext,
  actor: Actor,
  params: { settings: Record<string, unknown> },
): Promise<BrandSettings | Failure> {
  const parsed = brandSettingsSchema.safeParse(params.settings);
  if (!parsed.success) {
    const fields = fieldProblems(parsed.error, 'settings');
    return fail('INVALID_PARAMS', `设置有误：${fields.map((f) => `${f.path} ${f.message}`).join('；')}`, fields);
  }
  const saved = await transactionOrFailure(ctx.db, async (tx) => {
    // Locked: two saves at once each record the settings the other replaced.
    const { rows } = await tx.query<{ settings: Record<string, unknown> }>('select settings from brand_settings where id = 1 for update');
    const value = await saveBrandSettings(tx, parsed.data, actor.memberId);
    await recordAudit(tx, { actor, at: ctx.now, kind: 'config.set', targetType: 'settings', targetId: null, before: rows[0]?.settings ?? null, after: value });
    return value;
  });
  // The cache answers for the database, not the transaction, once the save has committed.
  if (!(saved instanceof Failure)) rememberBrandSettings(ctx.db, saved);
  return saved;
}
