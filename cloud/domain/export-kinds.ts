/** What an admin can export (导出) and the names the files and the 运营 tab give them. Pure, importing nothing: the app reads it too. */
export const EXPORT_KINDS = ['members', 'orders', 'points'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The kind's name in file names, sheet names and the 运营 tab. */
export const EXPORT_KIND_NAMES: Record<ExportKind, string> = { members: '会员', orders: '订单', points: '积分流水' };
