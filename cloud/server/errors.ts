import type { FastifyReply } from 'fastify';
import { ERRORS, type ErrorCode } from '../contract';

/** Answers with the envelope of an error from the catalogue (contract/errors.ts). */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string = ERRORS[code].message) {
  return reply.status(ERRORS[code].status).send({ ok: false, error: { code, message } });
}
