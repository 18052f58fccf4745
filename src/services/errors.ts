import type { ErrorCode, FieldProblem } from '@cloud/contract';

/** Codes the client itself produces when there is no server answer to show. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE' | 'NEEDS_IDENTITY';

const CLIENT_MESSAGES: Record<ClientErrorCode, string> = {
  NETWORK: '网络连接失败，请检查网络后重试',
  BAD_RESPONSE: '服务器响应异常，请稍后再试',
  NEEDS_IDENTITY: '请先选择身份',
};

/** An error from a function call: the server's stable code and a Chinese message fit to show. */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  /** The fields the server named, each with its message (empty when it named none). */
  readonly fields: FieldProblem[];

  constructor(code: ErrorCode | ClientErrorCode, message?: string, status = 0, fields: FieldProblem[] = []) {
    super(message ?? CLIENT_MESSAGES[code as ClientErrorCode] ?? '系统繁忙，请稍后再试');
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.fields = fields;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** The server's message per field path, for a form to show at each field. */
export function fieldMessages(err: unknown): Record<string, string> {
  return isApiError(err) ? Object.fromEntries(err.fields.map((f) => [f.path, f.message])) : {};
}

/** The message to show a member for any error. */
export function messageOf(err: unknown): string {
  if (isApiError(err)) return err.message;
  return '系统繁忙，请稍后再试';
}
