/**
 * The member's WeChat session key from code2Session: the key of the data WeChat encrypts for
 * this member (the group a card was opened in). Kept server-side only, never sent to the app.
 */
import type { Queryable } from '../../db/port';

/** Keeps the newest key: a slower, older sign-in never overwrites a newer one. */
export async function rememberSessionKey(db: Queryable, openid: string, sessionKey: string, at: Date): Promise<void> {
  await db.query(
    `insert into wechat_sessions (openid, session_key, updated_at) values ($1, $2, $3)
     on conflict (openid) do update set session_key = excluded.session_key, updated_at = excluded.updated_at
     where wechat_sessions.updated_at <= excluded.updated_at`,
    [openid, sessionKey, at],
  );
}

export async function sessionKeyOf(db: Queryable, openid: string): Promise<string | null> {
  const { rows } = await db.query<{ session_key: string }>('select session_key from wechat_sessions where openid = $1', [openid]);
  return rows[0]?.session_key ?? null;
}

/** The key is gone with the account (注销): nothing of the session is kept. */
export async function forgetSessionKey(db: Queryable, openid: string): Promise<void> {
  await db.query('delete from wechat_sessions where openid = $1', [openid]);
}
