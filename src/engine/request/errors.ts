/** Machine-readable error codes of the API (contract §6.10). */
export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'idempotency_conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'insufficient_funds'
  | 'rate_limited'
  | 'request_timeout'
  | 'headers_too_large'
  | 'too_many_connections'
  | 'internal_error';

export type FieldErrors = Record<string, string[]>;

/**
 * The one error the engine throws for a request it refuses. `status` is the HTTP status
 * the server answers with; `extra` adds members to the problem body (e.g. `existing_id`).
 */
export class EngineError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly detail: string,
    readonly errors?: FieldErrors,
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'EngineError';
  }
}

export function notFound(what: string, id: string): EngineError {
  return new EngineError(404, 'not_found', `${what} ${id} was not found`);
}

export function conflict(detail: string, extra?: Record<string, unknown>): EngineError {
  return new EngineError(409, 'conflict', detail, undefined, extra);
}

export function badRequest(detail: string): EngineError {
  return new EngineError(400, 'bad_request', detail);
}

/** 422 whose detail lists every message, so a one-line client error still says it all. */
export function validationFailed(errors: FieldErrors): EngineError {
  const messages = Object.values(errors).flat();
  return new EngineError(422, 'validation_failed', messages.join('; '), errors);
}

export function invalid(field: string, message: string): EngineError {
  return validationFailed({ [field]: [message] });
}
