import { imageTypeOf } from '../../domain/image-type';
import { hasConsent } from '../../domain/privacy';
import type { Actor, UseCaseContext } from '../context';
import { fail, transactionOrFailure, type Failure } from '../failure';

export const IMAGE_MAX_BYTES = 200 * 1024;

/** What an upload is for: the member's avatar, or a photo (an after-sales request's). */
export const MEDIA_KINDS = ['avatar', 'photo'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * Keeps an uploaded image and answers the URL it is served at, an id nobody can guess. Only
 * after privacy consent (what a member uploads is personal data), and only a JPEG, PNG or WebP
 * by its bytes. The consent is read under a row lock, so a withdrawal in between waits.
 */
export async function storeImage(
  ctx: UseCaseContext,
  actor: Actor,
  upload: { bytes: Buffer; kind: MediaKind },
): Promise<{ url: string } | Failure> {
  return transactionOrFailure(ctx.db, async (tx) => {
    const { rows: member } = await tx.query<{ consent_version: string | null }>(
      'select consent_version from members where id = $1 for share',
      [actor.memberId],
    );
    if (!hasConsent(member[0]?.consent_version ?? null)) return fail('CONSENT_REQUIRED');
    if (upload.bytes.length === 0) return fail('INVALID_PARAMS', '图片内容为空');
    if (upload.bytes.length > IMAGE_MAX_BYTES) return fail('PAYLOAD_TOO_LARGE', '图片不能超过 200KB');
    const contentType = imageTypeOf(upload.bytes);
    if (!contentType) return fail('UNSUPPORTED_MEDIA');
    const { rows } = await tx.query<{ id: string }>(
      'insert into media (member_id, kind, content_type, bytes, created_at) values ($1, $2, $3, $4, $5) returning id',
      [actor.memberId, upload.kind, contentType, upload.bytes, ctx.now],
    );
    return { url: `/media/${rows[0]!.id}` };
  });
}

export async function readMedia(ctx: Pick<UseCaseContext, 'db'>, id: string): Promise<{ contentType: string; bytes: Buffer } | null> {
  const { rows } = await ctx.db.query<{ content_type: string; bytes: Uint8Array }>(
    'select content_type, bytes from media where id = $1',
    [id],
  );
  return rows[0] ? { contentType: rows[0].content_type, bytes: Buffer.from(rows[0].bytes) } : null;
}
