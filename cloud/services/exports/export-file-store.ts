/**
 * Where an export's file lives: in the database, as chunks of about a megabyte
 * (export_chunks), written as the xlsx stream produces them and read back one chunk at a time
 * for the download. Not a folder on one server's disk: the server is stateless and may run as
 * several instances (or as the WeChat `jobs` function, which has no disk to keep), so the
 * instance that writes a file is not always the one asked for it. A chunk is written only while
 * its attempt still holds the export (a slow instance whose lease was taken writes nothing more).
 */
import { Readable, Writable } from 'node:stream';
import type { Queryable } from '../../db/port';

export const CHUNK_BYTES = 1024 * 1024;

/** The export was taken over (its lease ran out and another instance began it again). */
export class LostExport extends Error {
  constructor(exportId: string) {
    super(`export ${exportId} was taken over by another run`);
  }
}

export interface ChunkSink extends Writable {
  /** Bytes written so far. */
  readonly bytes: number;
}

/** A stream that keeps what is written to it as the chunks of one attempt of one export. */
export function chunkSink(db: Queryable, exportId: string, attempt: number, claimedBy: string, chunkBytes = CHUNK_BYTES): ChunkSink {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let seq = 0;
  let total = 0;

  async function flush(): Promise<void> {
    if (pendingBytes === 0) return;
    const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const { rowCount } = await db.query(
      `insert into export_chunks (export_id, attempt, seq, bytes)
       select $1, $2, $3, $4 where exists (select 1 from exports where id = $1 and attempts = $2 and claimed_by = $5 and status = 'running')`,
      [exportId, attempt, seq++, bytes, claimedBy],
    );
    if (rowCount === 0) throw new LostExport(exportId);
  }

  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      total += chunk.length;
      if (pendingBytes < chunkBytes) return callback();
      flush().then(() => callback(), callback);
    },
    final(callback) {
      flush().then(() => callback(), callback);
    },
  }) as ChunkSink;
  Object.defineProperty(sink, 'bytes', { get: () => total });
  return sink;
}

/**
 * The file of a finished export, chunk after chunk (one query per chunk: a large file never sits
 * in memory). A chunk gone before the end (the file expired during the download) is an error,
 * never a short file.
 */
export function readExportFile(db: Queryable, file: { exportId: string; attempt: number; bytes: number }): Readable {
  return Readable.from(
    (async function* chunks() {
      let sent = 0;
      for (let seq = 0; sent < file.bytes; seq++) {
        const { rows } = await db.query<{ bytes: Uint8Array }>(
          'select bytes from export_chunks where export_id = $1 and attempt = $2 and seq = $3',
          [file.exportId, file.attempt, seq],
        );
        const bytes = rows[0]?.bytes;
        if (!bytes) throw new Error(`export ${file.exportId}: chunk ${seq} is gone`);
        sent += bytes.byteLength;
        yield Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      }
    })(),
  );
}
