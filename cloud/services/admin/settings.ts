import type { BrandSettings } from '../../contract';
import { brandSettingsSchema } from '../../domain/brand-settings';
import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';
import { saveBrandSettings } from '../settings/brand-settings-store';

export async function updateBrandSettings(
  ctx: UseCaseContext,
  actor: Actor,
  params: { settings: Record<string, unknown> },
): Promise<BrandSettings | Failure> {
  const parsed = brandSettingsSchema.safeParse(params.settings);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || i.message))];
    return fail('INVALID_PARAMS', `设置有误：${fields.join('、')}`);
  }
  return saveBrandSettings(ctx.db, parsed.data, actor.memberId);
}
