/** Numbered migrations, applied in order at start. Never edit one that has shipped: add the next. */
import m0001 from './0001_members_checkins_points';
import m0002 from './0002_checkin_rules_points_lots';
import m0003 from './0003_tiers_growth';
import m0004 from './0004_profile_reminders_jobs';
import m0005 from './0005_coupons_lottery_mall';
import m0006 from './0006_catalog_orders_sharing';
import m0007 from './0007_referral_rewards';
import m0008 from './0008_mall_cash_orders';
import m0009 from './0009_privacy_rights';
import m0010 from './0010_resumable_jobs';
import m0011 from './0011_book_growth';
import m0012 from './0012_shipping_after_sales';
import m0013 from './0013_names_groups_visits';
import m0014 from './0014_makeup_window';
import m0015 from './0015_segmentation';
import m0017 from './0017_audit_log';
import m0018 from './0018_kpi_rollups';
import m0019 from './0019_exports';
import m0020 from './0020_member_search';
import m0021 from './0021_incremental_facts';
import m0022 from './0022_admin_fulfilment';
import m0023 from './0023_sop_tasks';
import m0024 from './0024_group_points';
import m0025 from './0025_guide_content';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  { version: 1, name: 'members_checkins_points', sql: m0001 },
  { version: 2, name: 'checkin_rules_points_lots', sql: m0002 },
  { version: 3, name: 'tiers_growth', sql: m0003 },
  { version: 4, name: 'profile_reminders_jobs', sql: m0004 },
  { version: 5, name: 'coupons_lottery_mall', sql: m0005 },
  { version: 6, name: 'catalog_orders_sharing', sql: m0006 },
  { version: 7, name: 'referral_rewards', sql: m0007 },
  { version: 8, name: 'mall_cash_orders', sql: m0008 },
  { version: 9, name: 'privacy_rights', sql: m0009 },
  { version: 10, name: 'resumable_jobs', sql: m0010 },
  { version: 11, name: 'book_growth', sql: m0011 },
  { version: 12, name: 'shipping_after_sales', sql: m0012 },
  { version: 13, name: 'names_groups_visits', sql: m0013 },
  { version: 14, name: 'makeup_window', sql: m0014 },
  { version: 15, name: 'segmentation', sql: m0015 },
  // 16 is another change's (versions need not be contiguous; keep the list in version order).
  { version: 17, name: 'audit_log', sql: m0017 },
  { version: 18, name: 'kpi_rollups', sql: m0018 },
  { version: 19, name: 'exports', sql: m0019 },
  { version: 20, name: 'member_search', sql: m0020 },
  { version: 21, name: 'incremental_facts', sql: m0021 },
  { version: 22, name: 'admin_fulfilment', sql: m0022 },
  { version: 23, name: 'sop_tasks', sql: m0023 },
  { version: 24, name: 'group_points', sql: m0024 },
  { version: 25, name: 'guide_content', sql: m0025 },
];
