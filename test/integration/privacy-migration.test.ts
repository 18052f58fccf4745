/**
 * Migration 0009 on a database that already has data: counted media ids become random ones
 * everywhere they are used, each image's type is what its bytes are (anything else is dropped),
 * and the consent in force starts the consent history.
 */
import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { MEDIA_ID_PATTERN } from '@cloud/contract';
import { migrate } from '@cloud/db/migrate';
import { migrations } from '@cloud/db/migrations';
import { openPglite } from '@cloud/db/pglite';
import type { Db } from '@cloud/db/port';
import { openPostgres } from '@cloud/db/postgres';
import { backends, postgresUrl, urlWithSchema, type Backend } from '../support/databases';
import { PNG } from '../support/images';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

const before9 = migrations.filter((m) => m.version < 9);

describe.each(backends)('migration 0009 on %s', (backend: Backend) => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  async function databaseAtVersion8(): Promise<Db> {
    if (backend === 'pglite') {
      const db = await openPglite();
      close = () => db.close();
      await migrate(db, before9);
      return db;
    }
    const schema = `test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = openPostgres(postgresUrl!, { max: 1 });
    await admin.query(`create schema ${schema}`);
    const db = openPostgres(urlWithSchema(schema), { max: 2 });
    close = async () => {
      await db.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.close();
    };
    await migrate(db, before9);
    return db;
  }

  it('gives every image a random id, fixes its type by its bytes, drops what is no image, and moves every reference', async () => {
    const db = await databaseAtVersion8();
    const { rows: members } = await db.query<{ id: string }>(
      `insert into members (openid, nickname, avatar_url, consent_version, consent_at) values
         ('m-png', '小林', '/media/1', '2026-11-01', '2026-11-20T09:00:00+08:00'),
         ('m-jpeg', null, '/media/2', null, null),
         ('m-html', null, '/media/3', null, null),
         ('m-gone', null, '/media/99', null, null)
       returning id`,
    );
    await db.query(
      `insert into media (id, member_id, content_type, bytes) values (1, $1, 'image/jpeg', $4), (2, $2, 'image/png', $5), (3, $3, 'image/png', $6)`,
      [members[0]!.id, members[1]!.id, members[2]!.id, PNG, JPEG, HTML],
    );
    const { rows: category } = await db.query<{ id: string }>(
      `insert into categories (name, image_url, position) values ('外套', '/media/2', 1), ('鞋履', '/media/99', 2) returning id`,
    );
    await db.query(`insert into products (category_id, name, images) values ($1, '大衣', array['/catalog-images/a.svg', '/media/3', '/media/1'])`, [
      category[0]!.id,
    ]);

    await migrate(db);

    const media = await db.query<{ id: string; member_id: string; content_type: string }>('select id, member_id, content_type from media order by member_id');
    expect(media.rows.map((m) => [m.member_id, m.content_type])).toEqual([
      [members[0]!.id, 'image/png'],
      [members[1]!.id, 'image/jpeg'],
    ]);
    for (const m of media.rows) expect(m.id).toMatch(MEDIA_ID_PATTERN);
    expect(new Set(media.rows.map((m) => m.id)).size).toBe(2);
    const [png, jpeg] = media.rows.map((m) => `/media/${m.id}`);
    const avatars = await db.query<{ openid: string; avatar_url: string | null }>('select openid, avatar_url from members order by id');
    expect(avatars.rows).toEqual([
      { openid: 'm-png', avatar_url: png },
      { openid: 'm-jpeg', avatar_url: jpeg },
      { openid: 'm-html', avatar_url: null },
      { openid: 'm-gone', avatar_url: null },
    ]);
    // A URL whose image is gone (never there, or not an image) is dropped, not left to answer 404.
    expect((await db.query('select image_url from categories order by position')).rows).toEqual([{ image_url: jpeg }, { image_url: null }]);
    expect((await db.query('select images from products')).rows).toEqual([{ images: ['/catalog-images/a.svg', png] }]);
    expect((await db.query('select kind, version from consent_events')).rows).toEqual([{ kind: 'given', version: '2026-11-01' }]);

    // New uploads get a random id of the same form.
    const { rows: fresh } = await db.query<{ id: string }>(`insert into media (member_id, content_type, bytes) values ($1, 'image/png', $2) returning id`, [
      members[0]!.id,
      PNG,
    ]);
    expect(fresh[0]!.id).toMatch(MEDIA_ID_PATTERN);
  });
});
