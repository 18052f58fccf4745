/**
 * 社群 SOP: the brand's weekly plan of group posts, and which of them a brand day has, with
 * their copy rendered ({今晚品类}, {会员日折扣} …). Pure: the use cases read the posts and the
 * brand settings, this decides.
 */
import type { BrandSettings } from './brand-settings';
import type { PlanCardKind } from './guide-content';
import { isoWeekday } from './member-day';

/** The variables a post's copy may hold, as `{今晚品类}`. */
export const COPY_VARIABLES = ['今晚品类', '会员日', '会员日折扣', '日期'] as const;
export type CopyVariable = (typeof COPY_VARIABLES)[number];
/** A variable's value on a day; null when the day has none (no night market, no member day). */
export type CopyValues = Record<CopyVariable, string | null>;

const VARIABLE = /\{([^{}\s]{1,12})\}/g;
const KNOWN = new Set<string>(COPY_VARIABLES);

const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** 周一 … 周日 for an ISO weekday (1 = Monday). */
export const weekdayName = (weekday: number): string => WEEKDAY_NAMES[weekday - 1] ?? '';

/** The `{…}` names in a text that are not copy variables (a typo the editor should catch). */
export function unknownVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!).filter((name) => !KNOWN.has(name)))];
}

/** The copy with its variables filled in; null when one of them has no value that day. */
export function renderCopy(text: string, values: CopyValues): string | null {
  let missing = false;
  const rendered = text.replace(VARIABLE, (whole, name: string) => {
    if (!KNOWN.has(name)) return whole;
    const value = values[name as CopyVariable];
    if (value === null) missing = true;
    return value ?? '';
  });
  return missing ? null : rendered;
}

/** A member-day price rate as shoppers say it: 0.95 → 95折, 0.9 → 9折; 1 (no discount) → null. */
export function discountName(rate: number | null): string | null {
  if (rate === null) return null;
  const percent = Math.round(rate * 100);
  if (percent >= 100) return null;
  return `${percent % 10 === 0 ? percent / 10 : percent}折`;
}

export type BrandPlanSettings = Pick<BrandSettings, 'memberDay' | 'nightMarket'>;

/** The variables' values on a brand day; `categoryName` names a category by id (undefined: gone). */
export function copyValues(day: string, brand: BrandPlanSettings, categoryName: (id: string) => string | undefined): CopyValues {
  const weekday = isoWeekday(day);
  const memberDay = brand.memberDay.weekday;
  const tonight = brand.nightMarket.categoryByWeekday[weekday - 1] ?? null;
  return {
    今晚品类: tonight === null ? null : (categoryName(tonight) ?? null),
    会员日: memberDay === null ? null : weekdayName(memberDay),
    会员日折扣: memberDay === null ? null : discountName(brand.memberDay.orderDiscountRate),
    日期: `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`,
  };
}

/** When a post repeats: every day, on the brand's member day, or on one ISO weekday ('1' … '7'). */
export type PlanRepeat = 'daily' | 'member_day' | '1' | '2' | '3' | '4' | '5' | '6' | '7';

export function repeatsOn(repeat: PlanRepeat, day: string, memberDayWeekday: number | null): boolean {
  if (repeat === 'daily') return true;
  const weekday = isoWeekday(day);
  if (repeat === 'member_day') return memberDayWeekday !== null && weekday === memberDayWeekday;
  return weekday === Number(repeat);
}

export interface PlanPost {
  id: string;
  repeat: PlanRepeat;
  /** Brand time 'HH:mm'. */
  time: string;
  body: string;
  card: PlanCardKind;
}

/**
 * The posts a brand day has, by time: those that repeat that day, whose copy has every variable
 * it uses, and — a 夜市 card — only on a night the market opens.
 */
export function postsForDay<P extends PlanPost>(
  posts: readonly P[],
  day: string,
  brand: BrandPlanSettings,
  categoryName: (id: string) => string | undefined,
): Array<{ post: P; copy: string }> {
  const values = copyValues(day, brand, categoryName);
  return posts
    .filter((p) => repeatsOn(p.repeat, day, brand.memberDay.weekday))
    .filter((p) => p.card !== 'night_market' || values.今晚品类 !== null)
    .flatMap((post) => {
      const copy = renderCopy(post.body, values);
      return copy === null ? [] : [{ post, copy }];
    })
    .sort((a, b) => a.post.time.localeCompare(b.post.time) || Number(a.post.id) - Number(b.post.id));
}
