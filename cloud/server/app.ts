/**
 * The Node server: the cloud functions over HTTP (`POST /api/fn/:name`), sign-in, and the H5
 * build. Stateless: identity travels in signed tokens, every fact lives in the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { ERRORS, MEDIA_ID_PATTERN, type ErrorCode, type FunctionName } from '../contract';
import type { Db } from '../db/port';
import type { Adapters } from '../adapters';
import { sendError } from './errors';
import { exportRoutes } from './export-routes';
import { paymentRoutes } from './payment-routes';
import { functions } from '../functions';
import { invoke, type Identity } from '../functions/runtime';
import { DEMO_IDENTITIES } from '../seed/demo-data';
import { Failure } from '../services/failure';
import { IMAGE_MAX_BYTES, MEDIA_KINDS, readMedia, storeImage, type MediaKind } from '../services/media/store-image';
import { runDueJobs } from '../services/jobs/daily-jobs';
import { getProfile } from '../services/member/get-profile';
import { localSender } from '../adapters/messages/message-sender';
import { loadBrandSettings } from '../services/settings/brand-settings-store';
import { toActor, type ActorRow } from '../services/member/member-row';
import { memberOf, resolveMember, upsertMemberWithRole } from '../services/member/resolve-member';
import { rememberSessionKey } from '../adapters/wechat/session-keys';
import type { SessionKeys } from './session';
import type { WeChatAuth } from '../adapters/wechat/wechat-auth';

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
  /** Which proxies may name the client's address (X-Forwarded-For); default none (config.ts, TRUST_PROXY). */
  trustProxy?: false | number | string[];
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

/**
 * Fastify's own errors mapped onto the catalogue's codes: a body that does not parse is
 * INVALID_JSON; a URL that does not decode or names a forbidden path (NUL, `..\`) is BAD_URL.
 */
function errorCodeFor(err: { code?: string; statusCode?: number }): ErrorCode {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return 'PAYLOAD_TOO_LARGE';
  if (err.statusCode === 429) return 'RATE_LIMITED';
  if (err.code?.startsWith('FST_ERR_CTP_')) return 'INVALID_JSON';
  if (err.statusCode === 404) return 'NOT_FOUND';
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return 'BAD_URL';
  return 'INTERNAL';
}

/** The nearest `hops` proxies are trusted (as Fastify does for a number, which its types omit). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'silent' },
    bodyLimit: BODY_LIMIT,
    // Trusting every X-Forwarded-For would let a client pick its own address, and so its rate limit.
    trustProxy: typeof deps.trustProxy === 'number' ? trustHops(deps.trustProxy) : (deps.trustProxy ?? false),
    // Errors of the router itself (a URL that does not decode) answer with the envelope too.
    frameworkErrors: (err: FastifyError, _request: FastifyRequest, reply: FastifyReply) => sendError(reply, errorCodeFor(err)),
  });

  app.decorateRequest('identity', null);
  app.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      request.identity = deps.sessions.verify(header.slice(7));
    }
    done();
  });

  app.setErrorHandler((err: { code?: string; statusCode?: number }, request, reply) => {
    const code = errorCodeFor(err);
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

  /**
   * The request's clock: the real one, or in development the `x-dev-now` header's — a time in
   * the years 2000–2100 (outside them calendars, expiry and partitions stop making sense).
   */
  function requestNow(request: FastifyRequest): Date | null {
    const header = request.headers['x-dev-now'];
    if (!deps.devMode || header === undefined) return new Date();
    const at = new Date(String(header));
    const year = at.getUTCFullYear();
    return Number.isNaN(at.getTime()) || year < 2000 || year > 2100 ? null : at;
  }

  app.get('/healthz', async () => {
    await deps.db.query('select 1');
    return { ok: true };
  });

  // xlsx downloads for admins, and the worker that writes a file as soon as it is asked for.
  const exportsWorker = await exportRoutes(app, { db: deps.db, actorOf: requestActor, nowOf: requestNow, routeConfig: limited });

  app.post<{ Params: { name: string } }>('/api/fn/:name', { config: limited }, async (request, reply) => {
    const name = request.params.name;
    if (!Object.hasOwn(functions, name)) return sendError(reply, 'UNKNOWN_FUNCTION');
    const now = requestNow(request);
    if (!now) return sendError(reply, 'DEV_CLOCK_INVALID');
    const fn = name as FunctionName;
    const envelope = await invoke(fn, functions[fn] as never, {
      event: request.body ?? {},
      identity: request.identity,
      now,
      db: deps.db,
      adapters: deps.adapters,
    });
    if (envelope.ok && fn === 'admin' && (request.body as { action?: unknown } | undefined)?.action === 'export') exportsWorker.kick(now);
    return reply.status(envelope.ok ? 200 : ERRORS[envelope.error.code].status).send(envelope);
  });

  async function sessionFor(member: ActorRow) {
    return {
      token: await deps.sessions.sign(member.openid, member.id),
      member: await getProfile({ db: deps.db, now: new Date(), brand: await loadBrandSettings(deps.db), adapters: deps.adapters }, toActor(member)),
    };
  }

  /** The signed-in member behind a request, for routes outside the function catalogue. */
  async function requestActor(request: FastifyRequest) {
    const member = request.identity ? await memberOf(deps.db, request.identity, new Date()) : null;
    return member ? toActor(member) : null;
  }

  // Images (an avatar from chooseAvatar, an after-sales photo): the raw image as the body, whatever
  // type it is declared as: its bytes decide what it is (storeImage). Served back at /media/:id.
  await app.register(async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: IMAGE_MAX_BYTES }, (_r, body, done) => done(null, body));
    uploads.post<{ Params: { kind: string } }>('/api/media/:kind', { config: limited, bodyLimit: IMAGE_MAX_BYTES }, async (request, reply) => {
      const kind = request.params.kind as MediaKind;
      if (!MEDIA_KINDS.includes(kind)) return sendError(reply, 'NOT_FOUND');
      const actor = await requestActor(request);
      if (!actor) return sendError(reply, 'UNAUTHENTICATED');
      const ctx = { db: deps.db, now: new Date(), brand: await loadBrandSettings(deps.db), adapters: deps.adapters };
      const stored = await storeImage(ctx, actor, { bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0), kind });
      if (stored instanceof Failure) return sendError(reply, stored.code, stored.message);
      return { ok: true, data: stored };
    });
  });
  app.get<{ Params: { id: string } }>('/media/:id', async (request, reply) => {
    if (!MEDIA_ID_PATTERN.test(request.params.id)) return sendError(reply, 'NOT_FOUND');
    const media = await readMedia({ db: deps.db }, request.params.id);
    if (!media) return sendError(reply, 'NOT_FOUND');
    // The type is the one the bytes are (checked at upload); browsers must not guess another.
    // Cached briefly and only by the member's own client: an erased image (consent withdrawn,
    // 注销) must stop being shown, so no shared cache may keep it.
    return reply
      .type(media.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=600')
      .send(media.bytes);
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
      if (!now) return sendError(reply, 'DEV_CLOCK_INVALID');
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
