/**
 * Value layers (用户分层): every member is in exactly one, decided in this order — 新客, 沉睡,
 * 流失预警, 高价值, 潜力, else 一般. RFM scores are quintiles (1–5, 5 best) over the members with a
 * paid order in the last 365 days; the thresholds are brand settings.
 */
import { z } from 'zod';

export const LAYER_KEYS = ['new', 'high', 'potential', 'dormant', 'at_risk', 'regular'] as const;
export type LayerKey = (typeof LAYER_KEYS)[number];

export const LAYER_NAMES: Record<LayerKey, string> = {
  new: '新客',
  high: '高价值',
  potential: '潜力',
  dormant: '沉睡',
  at_risk: '流失预警',
  regular: '一般',
};

export const layerName = (key: LayerKey): string => LAYER_NAMES[key];

const score = z.number().int().min(1).max(5);
const minimums = z.object({ r: score, f: score, m: score }).strict();

export const segmentationSettingsSchema = z
  .object({
    /** 新客: first paid order at most this many days ago, or joined this recently without one. */
    newDays: z.number().int().min(1).max(365),
    /** 沉睡: no order, visit or check-in for more than this many days. */
    dormantDays: z.number().int().min(14).max(730),
    /** 高价值 and 潜力: the lowest R, F and M scores each needs. */
    highValue: minimums,
    potential: minimums,
    churn: z
      .object({
        /** Silence beyond k × the member's usual interval between active days is a warning. */
        k: z.number().min(1).max(10),
        /** Never warn before this many days of silence, however regular the member. */
        minSilenceDays: z.number().int().min(1).max(60),
        /** Active days in the last 90 that make a rhythm worth reading. */
        minActiveDays: z.number().int().min(2).max(90),
      })
      .strict(),
  })
  .strict();

export type SegmentationSettings = z.infer<typeof segmentationSettingsSchema>;

export const DEFAULT_SEGMENTATION: SegmentationSettings = {
  newDays: 30,
  dormantDays: 90,
  highValue: { r: 3, f: 4, m: 4 },
  potential: { r: 4, f: 1, m: 3 },
  churn: { k: 3, minSilenceDays: 7, minActiveDays: 3 },
};

export interface LayerInput {
  daysSinceJoined: number;
  /** null: no paid order ever. */
  daysSinceFirstOrder: number | null;
  /** null: never active (no visit, check-in or order). */
  daysSinceActive: number | null;
  churnRisk: boolean;
  /** null: no paid order in the last 365 days. */
  rfm: { r: number; f: number; m: number } | null;
}

const meets = (rfm: LayerInput['rfm'], min: { r: number; f: number; m: number }) => rfm !== null && rfm.r >= min.r && rfm.f >= min.f && rfm.m >= min.m;

export function layerOf(input: LayerInput, settings: SegmentationSettings): LayerKey {
  const isNew =
    input.daysSinceFirstOrder !== null ? input.daysSinceFirstOrder <= settings.newDays : input.daysSinceJoined <= settings.newDays;
  if (isNew) return 'new';
  if (input.daysSinceActive === null || input.daysSinceActive > settings.dormantDays) return 'dormant';
  if (input.churnRisk) return 'at_risk';
  if (meets(input.rfm, settings.highValue)) return 'high';
  if (meets(input.rfm, settings.potential)) return 'potential';
  return 'regular';
}

/**
 * PostgreSQL's NTILE(n) over rows already in order: the first `size % n` buckets take one row
 * more. Answers each row's bucket (1-based), in the order given.
 */
export function ntile(count: number, n: number): number[] {
  const base = Math.floor(count / n);
  const bigger = count % n;
  const out: number[] = [];
  for (let bucket = 1; bucket <= n; bucket++) {
    const size = base + (bucket <= bigger ? 1 : 0);
    for (let i = 0; i < size; i++) out.push(bucket);
  }
  return out;
}
