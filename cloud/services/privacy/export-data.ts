import type { ExportRecord, ExportValue, PersonalDataExport } from '../../contract';
import { toBrandIso } from '../../domain/business-day';
import type { Actor, UseCaseContext } from '../context';
import { PERSONAL_DATA_SECTIONS, PROFILE_SQL } from './personal-data';

// gmv_90_fen → gmv90Fen: a digit after the underscore joins as well.
const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** A database value as JSON: times with the brand's offset, JSON columns as they are. */
function exportValue(value: unknown, timeZone: string): ExportValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return toBrandIso(value, timeZone);
  if (Array.isArray(value)) return value.map((v) => exportValue(v, timeZone));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exportValue(v, timeZone)]));
  }
  return value as string | number | boolean;
}

function exportRecord(row: Record<string, unknown>, timeZone: string): ExportRecord {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [camel(k), exportValue(v, timeZone)]));
}

/**
 * 导出我的数据 (PIPL art. 45): a complete copy of the member's personal data, every section
 * read in one snapshot so that the copy is consistent with itself.
 */
export async function exportPersonalData(ctx: UseCaseContext, actor: Actor): Promise<PersonalDataExport> {
  const timeZone = ctx.brand.timeZone;
  return ctx.db.transaction(async (tx) => {
    await tx.query('set transaction isolation level repeatable read, read only');
    const profile = await tx.query<Record<string, unknown>>(PROFILE_SQL, [actor.memberId]);
    const sections: Record<string, ExportRecord[]> = {};
    for (const section of PERSONAL_DATA_SECTIONS) {
      const { rows } = await tx.query<Record<string, unknown>>(section.sql, [actor.memberId]);
      sections[section.name] = rows.map((row) => exportRecord(row, timeZone));
    }
    return { exportedAt: toBrandIso(ctx.now, timeZone), profile: exportRecord(profile.rows[0]!, timeZone), sections };
  });
}
