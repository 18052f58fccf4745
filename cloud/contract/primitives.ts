/**
 * The building blocks every function's params are made of: ids, days, amounts with their
 * bounds, free text, addresses. One definition each, so that a rule (no control characters,
 * no overflow in an int column) holds in every field that uses it.
 */
import { z } from 'zod';

/**
 * An action: its params (validated on the server) beside its result type. `result` is a type
 * only, never read at run time.
 */
export interface Action<P extends z.ZodType, R> {
  params: P;
  result: R;
}

/** The result type of an action, written beside its params: `{ params, result: returns<T>() }`. */
export const returns = <R>(): R => undefined as R;

export const noParams = z.object({}).strict();

/** A row id as text, in one spelling ('0123' arrives as '123'): ids compare as text everywhere. */
export const id = z
  .string()
  .regex(/^\d{1,18}$/, 'not an id')
  .transform((s) => BigInt(s).toString());
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM');
/**
 * Years a date or a time may name: a birthday in the 1900s, a campaign until 2100. Outside them
 * PostgreSQL refuses some (year 0) and nothing of ours means any.
 */
const YEARS = { from: 1900, to: 2100 } as const;
const inYears = (year: number) => year >= YEARS.from && year <= YEARS.to;

export const calendarDay = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date must be YYYY-MM-DD')
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    return inYears(y) && new Date(Date.UTC(y, m - 1, day)).getUTCDate() === day;
  }, `no such day (years ${YEARS.from}–${YEARS.to})`);
export const isoTime = z.iso
  .datetime({ offset: true })
  .refine((t) => inYears(new Date(t).getUTCFullYear()), `years ${YEARS.from}–${YEARS.to}`);
export const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId must be 8-64 letters, digits, _ or -');

/**
 * Bounds of every count and amount, well inside PostgreSQL's int4 (2³¹ − 1), so that no sum a
 * request can make overflows a column: a bad value is a 400, never a database error.
 */
export const LIMITS = {
  /** Money in fen: ¥1,000,000. */
  fen: 100_000_000,
  /** Points in one change or one price. */
  points: 10_000_000,
  /** Stock of a SKU, a prize, a mall item or a flash sale. */
  stock: 10_000_000,
  /** Items in one order. */
  qty: 99,
  /** A member's points balance: staff adjustments stop here. */
  balance: 1_000_000_000,
} as const;

export const fen = z.number().int().min(0).max(LIMITS.fen);
export const points = z.number().int().min(0).max(LIMITS.points);
export const stock = z.number().int().min(0).max(LIMITS.stock);
export const qty = z.number().int().min(1).max(LIMITS.qty);

/**
 * C0 control characters (U+0000–U+001F) and DEL: PostgreSQL refuses NUL in text, and none of
 * them belongs in a name or a note. Multi-line text may hold newlines and tabs.
 */
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export function hasControlCharacters(value: string, multiline = false): boolean {
  return (multiline ? CONTROL_EXCEPT_LINES : CONTROL).test(value);
}

/**
 * Free text typed by a person: trimmed, between `min` and `max` characters, without control
 * characters (newlines and tabs only when `multiline`). Every free-text field uses it.
 */
export function text(options: { max: number; min?: number; multiline?: boolean }) {
  const { max, min = 1, multiline = false } = options;
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !hasControlCharacters(v, multiline), multiline ? 'no control characters' : 'no control characters or line breaks');
}

export const address = z
  .object({
    name: text({ max: 20 }),
    phone: z.string().regex(/^1\d{10}$/, 'phone must be a mainland mobile number'),
    region: text({ min: 2, max: 60 }),
    detail: text({ min: 2, max: 120 }),
  })
  .strict();
export type ShippingAddress = z.output<typeof address>;

/**
 * wx.getGroupEnterInfo's encrypted data from a card opened in a group (scene 1044); the
 * server decrypts it to the group's openGId.
 */
export const groupData = z
  .object({ encryptedData: z.string().min(16).max(4096), iv: z.string().min(4).max(64) })
  .strict();
/** A WeChat group's openGId, as the server decoded it from group data. */
export const GROUP_ID_PATTERN = /^[\w-]{1,64}$/;
export const groupId = z.string().regex(GROUP_ID_PATTERN, 'not a group id');

/** The WeChat entry scene (1044 = a card opened in a group). */
export const scene = z.number().int().min(1000).max(9999);

/** Short share ids: they travel in a poster code's scene (≤ 32 characters). */
export const SHARE_ID_PATTERN = /^[A-Za-z0-9]{6,32}$/;
export const shareId = z.string().regex(SHARE_ID_PATTERN, 'not a share id');

/**
 * An uploaded image's id: 22 base64url characters, 128 random bits (the database draws it), so
 * that nobody can count through the members' uploads.
 */
const MEDIA_ID = '[A-Za-z0-9_-]{22}';
export const MEDIA_ID_PATTERN = new RegExp(`^${MEDIA_ID}$`);
/** Where an upload is served, as a piece of the URL patterns below. */
const MEDIA_URL = String.raw`\/media\/${MEDIA_ID}`;
/** An image in WeChat cloud storage, or anywhere over HTTPS. */
const REMOTE_IMAGE_URL = String.raw`cloud:\/\/[\w./-]+|https:\/\/[\w./%-]+`;

/** A picture the member uploaded: to the Node server (/media), or to WeChat cloud storage. */
export const UPLOADED_IMAGE_URL_PATTERN = new RegExp(String.raw`^(${MEDIA_URL}|cloud:\/\/[\w./-]+)$`);
export const uploadedImageUrl = z.string().max(300).regex(UPLOADED_IMAGE_URL_PATTERN, 'not an uploaded image');

/** An avatar: uploaded to the Node server (/media), or to WeChat cloud storage, or over HTTPS. */
export const AVATAR_URL_PATTERN = new RegExp(`^(${MEDIA_URL}|${REMOTE_IMAGE_URL})$`);

/** Images the brand serves itself (/catalog-images, /media), from WeChat cloud storage, or over HTTPS. */
export const CATALOG_IMAGE_URL_PATTERN = new RegExp(
  String.raw`^(\/catalog-images\/[\w-]+\.(svg|png|jpg|jpeg|webp)|${MEDIA_URL}|${REMOTE_IMAGE_URL})$`,
);
export const imageUrl = z.string().max(300).regex(CATALOG_IMAGE_URL_PATTERN, 'not an image url');

/** A page of a list: a cursor from the previous page's nextCursor. */
export const cursor = id.optional();
