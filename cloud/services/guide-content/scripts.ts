/**
 * 话术库: the answers guides copy for members' questions. Guides read the active ones, the most
 * copied first, and each copy counts (one conditional update); the 运营 tab edits them (audited).
 */
import type { GuideScripts, ScriptAdminView, ScriptInput, ScriptView } from '../../contract';
import { SCRIPT_CATEGORIES, SCRIPT_CATEGORY_NAMES, type ScriptCategory } from '../../domain/guide-content';
import { recordAudit, rowState } from '../audit/record-audit';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';

/** A library is a few hundred scripts at most; a page this long is all a guide scrolls. */
const LIMIT = 200;

interface ScriptRow {
  id: string;
  category: ScriptCategory;
  question: string;
  answer: string;
  position: number;
  active: boolean;
  copies: number;
}

const COLUMNS = 'id, category, question, answer, position, active, copies';
const RANKED = 'order by copies desc, position, id';

const toView = (r: ScriptRow): ScriptView => ({
  id: r.id,
  category: r.category,
  categoryName: SCRIPT_CATEGORY_NAMES[r.category],
  question: r.question,
  answer: r.answer,
  copies: r.copies,
});

const toAdminView = (r: ScriptRow): ScriptAdminView => ({ ...toView(r), position: r.position, active: r.active });

/** The active scripts, the most copied first, of one category and/or holding the search words (in the question or the answer). */
export async function guideScripts(ctx: UseCaseContext, params: { category?: ScriptCategory; search?: string }): Promise<GuideScripts> {
  const [items, counts] = await Promise.all([
    ctx.db.query<ScriptRow>(
      `select ${COLUMNS} from guide_scripts
       where active and ($1::text is null or category = $1)
         and ($2::text is null or strpos(lower(question), lower($2)) > 0 or strpos(lower(answer), lower($2)) > 0)
       ${RANKED} limit ${LIMIT}`,
      [params.category ?? null, params.search ?? null],
    ),
    ctx.db.query<{ category: ScriptCategory; n: number }>('select category, count(*)::int as n from guide_scripts where active group by category'),
  ]);
  const count = new Map(counts.rows.map((r) => [r.category, r.n]));
  return {
    categories: SCRIPT_CATEGORIES.map((key) => ({ key, name: SCRIPT_CATEGORY_NAMES[key], count: count.get(key) ?? 0 })),
    items: items.rows.map(toView),
  };
}

/** A copy: the counter goes up in one statement, so parallel copies all count; a hidden or unknown script is 404. */
export async function copyScript(ctx: UseCaseContext, params: { scriptId: string }): Promise<{ scriptId: string; copies: number } | Failure> {
  const { rows } = await ctx.db.query<{ copies: number }>('update guide_scripts set copies = copies + 1 where id = $1 and active returning copies', [params.scriptId]);
  if (!rows[0]) return fail('NOT_FOUND', '这条话术已下线');
  return { scriptId: params.scriptId, copies: rows[0].copies };
}

export async function adminScripts(ctx: UseCaseContext): Promise<ScriptAdminView[]> {
  const { rows } = await ctx.db.query<ScriptRow>(`select ${COLUMNS} from guide_scripts order by array_position($1::text[], category), copies desc, position, id limit 1000`, [
    SCRIPT_CATEGORIES,
  ]);
  return rows.map(toAdminView);
}

/** actor null: set-up by the system (seed data, tests), not audited. The copy count is the guides', never the form's. */
export async function saveScript(ctx: UseCaseContext, actor: Actor | null, params: { script: ScriptInput }): Promise<ScriptAdminView | Failure> {
  const s = params.script;
  const values = [s.category, s.question, s.answer, s.position, s.active, ctx.now];
  return transactionOrFailure(ctx.db, async (tx) => {
    const before = s.id ? await rowState(tx, 'guide_scripts', s.id) : null;
    const { rows } = s.id
      ? await tx.query<ScriptRow>(
          `update guide_scripts set category = $2, question = $3, answer = $4, position = $5, active = $6, updated_at = $7 where id = $1 returning ${COLUMNS}`,
          [s.id, ...values],
        )
      : await tx.query<ScriptRow>(
          `insert into guide_scripts (category, question, answer, position, active, updated_at) values ($1, $2, $3, $4, $5, $6) returning ${COLUMNS}`,
          values,
        );
    if (!rows[0]) return fail('NOT_FOUND', '话术不存在');
    const after = await rowState(tx, 'guide_scripts', rows[0].id);
    await recordAudit(tx, { actor, at: ctx.now, kind: 'script.save', targetType: 'script', targetId: rows[0].id, before, after });
    return toAdminView(rows[0]);
  });
}
