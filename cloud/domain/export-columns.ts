/**
 * What an admin export (导出) puts in its sheet: for each kind (members, orders, the points
 * ledger) the columns in order, their Chinese headers, widths, and how a row read by the export
 * (services/exports/export-sources.ts) becomes the cells. Pure: no I/O, no clock. Times arrive
 * already written in brand time ('YYYY-MM-DD HH:mm', formatted by the database), money in fen
 * becomes yuan (a number, two decimals), ids stay text (a bigint does not fit a spreadsheet's
 * number). Only what operations need: no address, no openid, no birthday, no member's note.
 */
import type { PointsSource } from '../contract/points';
import type { TierKey } from './brand-settings';
import type { ExportKind } from './export-kinds';
import { LAYER_KEYS, layerName, type LayerKey } from './value-layers';

export { EXPORT_KIND_NAMES, EXPORT_KINDS, type ExportKind } from './export-kinds';

export type Cell = string | number | null;

export interface Column<R> {
  header: string;
  /** In characters (Excel's unit). */
  width: number;
  cell(row: R): Cell;
}

/** What the columns need from the brand: the tiers' names (an admin renames them). */
export interface ExportVocabulary {
  tierNames: Partial<Record<TierKey, string>>;
}

/** A member as the export reads them. */
export interface MemberExportRow {
  id: string;
  nickname: string | null;
  role: 'member' | 'guide' | 'admin';
  tier: TierKey;
  points_balance: number;
  joined_at: string;
  source: string | null;
  guide_id: string | null;
  guide_nickname: string | null;
  /** From the nightly read model: null for a member who joined after the last run. */
  layer: string | null;
  last_active_on: string | null;
  orders_365: number | null;
  gmv_365_fen: string | number | null;
  /** Tag names joined with 、, in the tag list's order. */
  tags: string | null;
}

export interface OrderExportRow {
  id: string;
  member_id: string;
  nickname: string | null;
  is_mall: boolean;
  product_name: string;
  sku_label: string | null;
  qty: number;
  unit_price_fen: number;
  member_discount_fen: number;
  member_day_discount_fen: number;
  coupon_discount_fen: number;
  shipping_fen: number;
  total_fen: number;
  points_price: number;
  status: string;
  created_at: string;
  paid_at: string | null;
  shipped_at: string | null;
  completed_at: string | null;
  refunded_at: string | null;
  carrier: string | null;
  tracking_no: string | null;
  guide_id: string | null;
  guide_nickname: string | null;
  group_name: string | null;
  group_id: string | null;
  member_day: boolean;
  night_market: boolean;
}

export interface PointsExportRow {
  id: string;
  member_id: string;
  nickname: string | null;
  delta: number;
  balance_after: number;
  source: string;
  source_id: string;
  note: string | null;
  created_at: string;
}

export const ROLE_NAMES: Record<MemberExportRow['role'], string> = { member: '会员', guide: '导购', admin: '管理员' };

/** Where a member came from (members.source); none recorded means they came in directly. */
export const SOURCE_NAMES: Record<string, string> = { share: '分享', guide: '导购', group: '社群', poster: '海报', direct: '直接进入' };

export const ORDER_STATUS_NAMES: Record<string, string> = {
  pending: '待支付',
  paid: '已支付',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  refunding: '退款中',
  refunded: '已退款',
};

/** Every source of the points contract has a name (the same words the member's ledger shows). */
export const POINTS_SOURCE_NAMES: Record<PointsSource, string> & Record<string, string> = {
  checkin: '每日签到',
  streak_bonus: '连续签到奖励',
  makeup: '补签',
  expire: '积分过期',
  admin_adjust: '积分调整',
  birthday: '生日礼',
  redeem: '积分兑换',
  lottery: '抽奖奖励',
  lottery_draw: '抽奖消耗',
  order: '购物奖励',
  refund: '退款扣回',
  referral: '邀请好友奖励',
};

/** Fen as yuan with two decimals, a number (sums work in the sheet). */
export const yuan = (fen: number | string | null): number | null => (fen === null ? null : Math.round(Number(fen)) / 100);

const yesNo = (value: boolean) => (value ? '是' : '否');

/** A staff member or guide by name, or by id when they have none (or erased it). */
const person = (id: string | null, nickname: string | null): string | null => (id === null ? null : (nickname ?? `#${id}`));

const isLayer = (key: string): key is LayerKey => (LAYER_KEYS as readonly string[]).includes(key);

export function memberColumns(vocabulary: ExportVocabulary): Column<MemberExportRow>[] {
  return [
    { header: '会员ID', width: 12, cell: (r) => r.id },
    { header: '昵称', width: 16, cell: (r) => r.nickname },
    { header: '角色', width: 8, cell: (r) => ROLE_NAMES[r.role] ?? r.role },
    { header: '等级', width: 10, cell: (r) => vocabulary.tierNames[r.tier] ?? r.tier },
    { header: '积分', width: 10, cell: (r) => r.points_balance },
    { header: '入会时间', width: 17, cell: (r) => r.joined_at },
    { header: '来源', width: 10, cell: (r) => SOURCE_NAMES[r.source ?? 'direct'] ?? r.source },
    { header: '专属导购', width: 14, cell: (r) => person(r.guide_id, r.guide_nickname) },
    { header: '分层', width: 10, cell: (r) => (r.layer === null ? null : isLayer(r.layer) ? layerName(r.layer) : r.layer) },
    { header: '标签', width: 36, cell: (r) => r.tags },
    { header: '最近活跃', width: 12, cell: (r) => r.last_active_on },
    { header: '近365天订单数', width: 14, cell: (r) => r.orders_365 },
    { header: '近365天消费(元)', width: 16, cell: (r) => yuan(r.gmv_365_fen) },
  ];
}

export function orderColumns(): Column<OrderExportRow>[] {
  return [
    { header: '订单号', width: 12, cell: (r) => r.id },
    { header: '会员ID', width: 12, cell: (r) => r.member_id },
    { header: '昵称', width: 16, cell: (r) => r.nickname },
    { header: '类型', width: 10, cell: (r) => (r.is_mall ? '积分加钱购' : '商品') },
    { header: '商品', width: 24, cell: (r) => r.product_name },
    { header: '规格', width: 14, cell: (r) => r.sku_label },
    { header: '数量', width: 6, cell: (r) => r.qty },
    { header: '单价(元)', width: 10, cell: (r) => yuan(r.unit_price_fen) },
    { header: '会员价优惠(元)', width: 14, cell: (r) => yuan(r.member_discount_fen) },
    { header: '会员日优惠(元)', width: 14, cell: (r) => yuan(r.member_day_discount_fen) },
    { header: '优惠券抵扣(元)', width: 14, cell: (r) => yuan(r.coupon_discount_fen) },
    { header: '运费(元)', width: 10, cell: (r) => yuan(r.shipping_fen) },
    { header: '实付(元)', width: 10, cell: (r) => yuan(r.total_fen) },
    { header: '积分', width: 8, cell: (r) => r.points_price },
    { header: '状态', width: 8, cell: (r) => ORDER_STATUS_NAMES[r.status] ?? r.status },
    { header: '下单时间', width: 17, cell: (r) => r.created_at },
    { header: '支付时间', width: 17, cell: (r) => r.paid_at },
    { header: '发货时间', width: 17, cell: (r) => r.shipped_at },
    { header: '完成时间', width: 17, cell: (r) => r.completed_at },
    { header: '退款时间', width: 17, cell: (r) => r.refunded_at },
    { header: '物流公司', width: 10, cell: (r) => r.carrier },
    { header: '运单号', width: 20, cell: (r) => r.tracking_no },
    { header: '导购', width: 14, cell: (r) => person(r.guide_id, r.guide_nickname) },
    { header: '来自群', width: 16, cell: (r) => (r.group_id === null ? null : (r.group_name ?? '未命名群')) },
    { header: '会员日', width: 8, cell: (r) => yesNo(r.member_day) },
    { header: '夜市', width: 6, cell: (r) => yesNo(r.night_market) },
  ];
}

export function pointsColumns(): Column<PointsExportRow>[] {
  return [
    { header: '流水号', width: 12, cell: (r) => r.id },
    { header: '会员ID', width: 12, cell: (r) => r.member_id },
    { header: '昵称', width: 16, cell: (r) => r.nickname },
    { header: '类型', width: 14, cell: (r) => POINTS_SOURCE_NAMES[r.source] ?? r.source },
    { header: '变动', width: 10, cell: (r) => r.delta },
    { header: '变动后余额', width: 12, cell: (r) => r.balance_after },
    { header: '关联编号', width: 22, cell: (r) => r.source_id },
    { header: '备注', width: 24, cell: (r) => r.note },
    { header: '时间', width: 17, cell: (r) => r.created_at },
  ];
}

export type ExportRowOf<K extends ExportKind> = K extends 'members' ? MemberExportRow : K extends 'orders' ? OrderExportRow : PointsExportRow;

export function columnsOf<K extends ExportKind>(kind: K, vocabulary: ExportVocabulary): Column<ExportRowOf<K>>[] {
  const columns = kind === 'members' ? memberColumns(vocabulary) : kind === 'orders' ? orderColumns() : pointsColumns();
  return columns as unknown as Column<ExportRowOf<K>>[];
}

/** The brand's tier names, from its settings. */
export function vocabularyOf(brand: { tiers: ReadonlyArray<{ key: TierKey; name: string }> }): ExportVocabulary {
  return { tierNames: Object.fromEntries(brand.tiers.map((t) => [t.key, t.name])) };
}
