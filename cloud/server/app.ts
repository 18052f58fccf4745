/**
 * The Node server: the cloud functions over HTTP (`POST /api/fn/:name`), sign-in, and the H5
 * build. Stateless: identity travels in signed tokens, every fact lives in the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { ERRORS, type ErrorCode, type FunctionName } from '../contract';
import type { Db } from '../db/port';
import type { Adapters } from '../services/adapters';
import { sendError } from './errors';
import { paymentRoutes } from './payment-routes';
import { functions } from '../functions';
import { invoke, type Identity } from '../functions/runtime';
import { DEMO_IDENTITIES } from '../seed/demo-data';
import { Failure } from '../services/failure';
import { AVATAR_MAX_BYTES, AVATAR_TYPES, readMedia, storeAvatar } from '../services/media/store-avatar';
import { runDueJobs } from '../services/jobs/daily-jobs';
import { getProfile } from '../services/member/get-profile';
import { localSender } from '../services/reminders/reminder-sender';
import { loadBrandSettings } from '../services/settings/brand-settings-store';
import { toActor, type MemberRow } from '../services/member/member-row';
import { resolveMember, upsertMemberWithRole } from '../services/member/resolve-member';
import { rememberSessionKey } from '../services/wechat/session-keys';
import type { SessionKeys } from './session';
import type { WeChatAuth } from './wechat-auth';

export interface ServerDeps {
  db: Db;
  /** Payments, group data and share codes: local implementations or WeChat's. */
  adapters: Adapters;
  sessions: SessionKeys;
  /** null: WeChat sign-in is not configured (login answers 503). */
  wechat: WeChatAuth | null;
  /** Development routes (dev-login, x-dev-now, demo identities) exist only when true. */
  devMode: boolean;
  rateLimitPerMinute: number;
  /** Folder of the H5 build to serve at /, if present. */
  h5Dir?: string;
  /** pino level; 'silent' by default (tests). */
  logLevel?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity | null;
  }
}

const BODY_LIMIT = 64 * 1024;

const loginBody = z.object({ code: z.string().min(1).max(256) }).strict();
const devLoginBody = z
  .object({
    openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    role: z.enum(['member', 'guide', 'admin']),
  })
  .strict();

/** Fastify's own errors (body parsing, size) mapped onto the catalogue's codes. */
function errorCodeFor(err: { code?: string; statusCode?: number }): ErrorCode {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return 'PAYLOAD_TOO_LARGE';
  if (err.statusCode === 429) return 'RATE_LIMITED';
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return 'INVALID_JSON';
  return 'INTERNAL';
}

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: { level: deps.logLevel ?? 'silent' }, bodyLimit: BODY_LIMIT, trustProxy: true });

  app.decorateRequest('identity', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const openid = await deps.sessions.verify(header.slice(7));
      request.identity = openid ? { openid } : null;
    }
  });

  app.setErrorHandler((err: { code?: string; statusCode?: number }, request, reply) => {
    const code =
      err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' && request.url.startsWith('/api/media/') ? 'UNSUPPORTED_MEDIA' : errorCodeFor(err);
    if (code === 'INTERNAL') request.log.error(err);
    return sendError(reply, code);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 'NOT_FOUND'));

  // Per identity when signed in, per address otherwise. Counters are per instance: behind a
  // load balancer each instance limits on its own.
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    keyGenerator: (request: FastifyRequest) => (request.identity ? `id:${request.identity.openid}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      ok: false,
      error: { code: 'RATE_LIMITED', message: ERRORS.RATE_LIMITED.message },
    }),
  });
  const limited = { rateLimit: { max: deps.rateLimitPerMinute, timeWindow: 60_000 } };

  /** The request's clock: the real one, or in development the `x-dev-now` header's. */
  function requestNow(request: FastifyRequest): Date | null {
    const header = request.headers['x-dev-now'];
    if (!deps.devMode || header === undefined) return new Date();
    const at = new Date(String(header));
    return Number.isNaN(at.getTime()) ? null : at;
  }

  app.get('/healthz', async () => {
    await deps.db.query('select 1');
    return { ok: true };
  });

  app.post<{ Params: { name: string } }>('/api/fn/:name', { config: limited }, async (request, reply) => {
    const name = request.params.name;
    if (!Object.hasOwn(functions, name)) return sendError(reply, 'UNKNOWN_FUNCTION');
    const now = requestNow(request);
    if (!now) return sendError(reply, 'INVALID_PARAMS', '调试时间格式有误');
    const fn = name as FunctionName;
    const envelope = await invoke(fn, functions[fn] as never, {
      event: request.body ?? {},
      identity: request.identity,
      now,
      db: deps.db,
      adapters: deps.adapters,
    });
    return reply.status(envelope.ok ? 200 : ERRORS[envelope.error.code].status).send(envelope);
  });

  async function sessionFor(member: MemberRow) {
    return {
      token: await deps.sessions.sign(member.openid),
      member: await getProfile({ db: deps.db, now: new Date(), brand: await loadBrandSettings(deps.db), adapters: deps.adapters }, toActor(member)),
    };
  }

  /** The signed-in member behind a request, for routes outside the function catalogue. */
  async function requestActor(request: FastifyRequest) {
    return request.identity ? toActor(await resolveMember(deps.db, request.identity.openid, new Date())) : null;
  }

  // Avatars: the raw image as the body (from chooseAvatar / a file picker), served back at /media/:id.
  app.addContentTypeParser(AVATAR_TYPES as unknown as string[], { parseAs: 'buffer', bodyLimit: AVATAR_MAX_BYTES }, (_r, body, done) =>
    done(null, body),
  );
  app.post('/api/media/avatar', { config: limited, bodyLimit: AVATAR_MAX_BYTES }, async (request, reply) => {
    const actor = await requestActor(request);
    if (!actor) return sendError(reply, 'UNAUTHENTICATED');
    const ctx = { db: deps.db, now: new Date(), brand: await loadBrandSettings(deps.db), adapters: deps.adapters };
    const stored = await storeAvatar(ctx, actor, {
      contentType: String(request.headers['content-type'] ?? '').split(';')[0]!.trim(),
      bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    });
    if (stored instanceof Failure) return sendError(reply, stored.code, stored.message);
    return { ok: true, data: stored };
  });
  app.get<{ Params: { id: string } }>('/media/:id', async (request, reply) => {
    if (!/^\d{1,18}$/.test(request.params.id)) return sendError(reply, 'NOT_FOUND');
    const media = await readMedia({ db: deps.db }, request.params.id);
    if (!media) return sendError(reply, 'NOT_FOUND');
    return reply.type(media.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(media.bytes);
  });

  app.post('/api/auth/login', { config: limited }, async (request, reply) => {
    if (!deps.wechat) return sendError(reply, 'WECHAT_NOT_CONFIGURED');
    const body = loginBody.safeParse(request.body);
    if (!body.success) return sendError(reply, 'INVALID_PARAMS');
    const session = await deps.wechat.code2Session(body.data.code);
    if (!session) return sendError(reply, 'WECHAT_LOGIN_FAILED');
    const member = await resolveMember(deps.db, session.openid, new Date());
    await rememberSessionKey(deps.db, session.openid, session.sessionKey, new Date());
    return { ok: true, data: await sessionFor(member) };
  });

  if (deps.devMode) {
    app.post('/api/auth/dev-login', { config: limited }, async (request, reply) => {
      const body = devLoginBody.safeParse(request.body);
      if (!body.success) return sendError(reply, 'INVALID_PARAMS');
      const member = await upsertMemberWithRole(deps.db, body.data.openid, body.data.role, new Date());
      return { ok: true, data: await sessionFor(member) };
    });
    app.get('/api/dev/identities', async () => ({ ok: true, data: DEMO_IDENTITIES }));
    // Runs the scheduled jobs at the request's clock (x-dev-now), so that expiry, keep-tier,
    // birthday gifts and reminders can be tried at any date. Reminders are only logged.
    app.post('/api/dev/run-jobs', async (request, reply) => {
      const now = requestNow(request);
      if (!now) return sendError(reply, 'INVALID_PARAMS', '调试时间格式有误');
      return { ok: true, data: await runDueJobs(deps.db, { sender: localSender(), payments: deps.adapters.payments }, now) };
    });
  }

  await paymentRoutes(app, {
    adapters: deps.adapters,
    context: async (now) => ({ db: deps.db, now, brand: await loadBrandSettings(deps.db), adapters: deps.adapters }),
    actorOf: requestActor,
    nowOf: requestNow,
  });

  // Product, category and banner images of the demo catalogue, committed beside the seed.
  await app.register(fastifyStatic, {
    root: path.resolve(__dirname, '../seed/catalog-images'),
    prefix: '/catalog-images/',
    decorateReply: false,
    maxAge: '30d',
  });

  if (deps.h5Dir && fs.existsSync(path.join(deps.h5Dir, 'index.html'))) {
    // ensure-build writes .br / .gz beside each file: sent as they are, nothing compressed per request.
    await app.register(fastifyStatic, { root: path.resolve(deps.h5Dir), index: ['index.html'], preCompressed: true });
  }

  return app;
}
