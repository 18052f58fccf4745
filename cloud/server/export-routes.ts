/**
 * Exports over HTTP. `GET /api/exports/<exportId>.xlsx` sends a finished export's file to an
 * admin — the bearer token decides, before anything about the id is looked at: 401 without a
 * signed-in caller, 403 for members and guides, then 404 / 409 (still being written, or failed)
 * / 410 (expired) — with its Chinese name in Content-Disposition (RFC 5987). The file streams
 * from the database a chunk at a time. And the background worker that writes a file as soon as
 * an admin asks for it (admin.export), instead of at the next tick.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/port';
import { contentDisposition, XLSX_CONTENT_TYPE } from '../domain/export-filename';
import type { Actor } from '../services/context';
import { openExportDownload } from '../services/exports/ask-export';
import { exportWorker } from '../services/exports/run-exports';
import { Failure } from '../services/failure';
import { loadBrandSettings } from '../services/settings/brand-settings-store';
import { sendError } from './errors';

export interface ExportRouteDeps {
  db: Db;
  actorOf(request: FastifyRequest): Promise<Actor | null>;
  nowOf(request: FastifyRequest): Date | null;
  /** The route's rate limit (the server's per-caller limit). */
  routeConfig: object;
}

const FILE = /^([0-9a-f]{32})\.xlsx$/;

/** Registers the download route; answers the worker to kick after an admin.export. */
export async function exportRoutes(app: FastifyInstance, deps: ExportRouteDeps): Promise<{ kick(now: Date): void }> {
  const worker = exportWorker(deps.db, () => loadBrandSettings(deps.db));
  // A file being written when the server closes is finished first (the database closes after).
  app.addHook('onClose', async () => {
    await worker.idle();
  });

  app.get<{ Params: { file: string } }>('/api/exports/:file', { config: deps.routeConfig }, async (request, reply) => {
    if (!request.identity) return sendError(reply, 'UNAUTHENTICATED');
    const actor = await deps.actorOf(request);
    if (!actor) return sendError(reply, 'UNAUTHENTICATED');
    if (actor.role !== 'admin') return sendError(reply, 'FORBIDDEN');
    const match = FILE.exec(request.params.file);
    if (!match) return sendError(reply, 'NOT_FOUND');
    const now = deps.nowOf(request);
    if (!now) return sendError(reply, 'DEV_CLOCK_INVALID');
    const download = await openExportDownload(deps.db, match[1]!, now);
    if (download instanceof Failure) return sendError(reply, download.code, download.message);
    return reply
      .type(XLSX_CONTENT_TYPE)
      .header('content-disposition', contentDisposition(download.fileName, download.kind))
      .header('content-length', download.bytes)
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .send(download.body);
  });

  return worker;
}
