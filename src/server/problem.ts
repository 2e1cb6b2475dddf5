import type { FastifyReply } from 'fastify';
import { stringifyJson } from '../json/write.js';
import { EngineError, type ErrorCode, type FieldErrors } from '../engine/index.js';

/** RFC 9457 problem details, plus the contract's machine-readable `code` (§6.10). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  errors?: FieldErrors;
  [extra: string]: unknown;
}

const KINDS: Record<number, [string, string]> = {
  400: ['https://tools.ietf.org/html/rfc9110#section-15.5.1', 'Bad Request'],
  401: ['https://tools.ietf.org/html/rfc9110#section-15.5.2', 'Unauthorized'],
  403: ['https://tools.ietf.org/html/rfc9110#section-15.5.4', 'Forbidden'],
  404: ['https://tools.ietf.org/html/rfc9110#section-15.5.5', 'Not Found'],
  405: ['https://tools.ietf.org/html/rfc9110#section-15.5.6', 'Method Not Allowed'],
  408: ['https://tools.ietf.org/html/rfc9110#section-15.5.9', 'Request Timeout'],
  409: ['https://tools.ietf.org/html/rfc9110#section-15.5.10', 'Conflict'],
  413: ['https://tools.ietf.org/html/rfc9110#section-15.5.14', 'Content Too Large'],
  415: ['https://tools.ietf.org/html/rfc9110#section-15.5.16', 'Unsupported Media Type'],
  422: ['https://tools.ietf.org/html/rfc4918#section-11.2', 'One or more validation errors occurred.'],
  429: ['https://tools.ietf.org/html/rfc6585#section-4', 'Too Many Requests'],
  431: ['https://tools.ietf.org/html/rfc6585#section-5', 'Request Header Fields Too Large'],
  500: ['https://tools.ietf.org/html/rfc9110#section-15.6.1', 'Internal Server Error'],
  503: ['https://tools.ietf.org/html/rfc9110#section-15.6.4', 'Service Unavailable'],
};

export function problem(
  status: number,
  code: ErrorCode,
  detail: string,
  instance?: string,
  errors?: FieldErrors,
  extra?: Record<string, unknown>,
): Problem {
  const [type, title] = KINDS[status] ?? ['about:blank', 'Error'];
  const body: Problem = { type, title, status, detail, code };
  if (instance !== undefined) body.instance = instance;
  if (errors) body.errors = errors;
  // Extra members (e.g. existing_id) follow the standard ones and never replace them.
  for (const [key, value] of Object.entries(extra ?? {})) if (!(key in body)) body[key] = value;
  return body;
}

/** Fastify's own errors that reach us, by their code. */
const FASTIFY_ERRORS: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
};

/** Any thrown value as a problem: engine refusals keep their status; the unexpected is a 500. */
export function toProblem(error: unknown, instance: string): Problem {
  if (error instanceof EngineError) {
    return problem(error.status, error.code, error.detail, instance, error.errors, error.extra);
  }
  const e = error as { code?: string; statusCode?: number; message?: string };
  const known = e.code ? FASTIFY_ERRORS[e.code] : undefined;
  if (known) return problem(known[0], known[1], e.message ?? 'Request refused', instance);
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return problem(e.statusCode, 'bad_request', e.message ?? 'Bad request', instance);
  }
  return problem(500, 'internal_error', `Internal error: ${e.message ?? String(error)}`, instance);
}

/** Credyt declares its ProblemDetails bodies as application/json, so the engine does too. */
export const PROBLEM_TYPE = 'application/json; charset=utf-8';

/** A problem document's text, as the app and the in-process lanes write it. */
export function problemText(body: Problem): string {
  return stringifyJson(body);
}

export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type(PROBLEM_TYPE).send(problemText(body));
}
