import type { Actor, UseCaseContext } from '../context';
import { fail, type Failure } from '../failure';

export const AVATAR_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const AVATAR_MAX_BYTES = 200 * 1024;

/** Keeps an uploaded avatar image and answers the URL it is served at. */
export async function storeAvatar(
  ctx: UseCaseContext,
  actor: Actor,
  upload: { contentType: string; bytes: Buffer },
): Promise<{ url: string } | Failure> {
  if (!(AVATAR_TYPES as readonly string[]).includes(upload.contentType)) return fail('UNSUPPORTED_MEDIA');
  if (upload.bytes.length === 0) return fail('INVALID_PARAMS', '图片内容为空');
  if (upload.bytes.length > AVATAR_MAX_BYTES) return fail('PAYLOAD_TOO_LARGE', '图片不能超过 200KB');
  const { rows } = await ctx.db.query<{ id: string }>(
    'insert into media (member_id, content_type, bytes, created_at) values ($1, $2, $3, $4) returning id',
    [actor.memberId, upload.contentType, upload.bytes, ctx.now],
  );
  return { url: `/media/${rows[0]!.id}` };
}

export async function readMedia(ctx: Pick<UseCaseContext, 'db'>, id: string): Promise<{ contentType: string; bytes: Buffer } | null> {
  const { rows } = await ctx.db.query<{ content_type: string; bytes: Uint8Array }>(
    'select content_type, bytes from media where id = $1',
    [id],
  );
  return rows[0] ? { contentType: rows[0].content_type, bytes: Buffer.from(rows[0].bytes) } : null;
}
