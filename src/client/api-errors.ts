import { ApiError, ExitCode, type ProblemDetails } from '../errors.js';
import { isLosslessNumber, parseJsonLossless } from '../json/parse.js';
import type { TransportResponse } from './transport.js';
import { unsupportedOperation } from './local-only.js';

/**
 * The one place where HTTP statuses become typed errors (STYLE.md, Errors). Everything
 * the server says is untrusted text bound for a terminal, so it is flattened to one line
 * without control characters.
 */

export interface ApiErrorContext {
  /** Full URL (or path, for the embedded transport) that was called. */
  url: string;
  /** Profile whose key was used, named in the hint of a 401/403. */
  profileName?: string;
  /** Where the key came from; a flag's or the environment's is blamed, not the profile. */
  keySource?: 'flag' | 'env' | 'profile';
  /** Method and path called: a 404/405 of a local-only operation says so (local-only.ts). */
  method?: string;
  path?: string;
  /** The connected account the request acted on, and what selected it, for a refusal of it. */
  account?: string;
  accountSource?: 'flag' | 'env' | 'profile';
}

/** Exit code for a non-2xx status: 401/403 → 3, 404 → 4, 429 → 6, 5xx → 7, other 4xx → 5. */
export function exitCodeForStatus(status: number): ExitCode {
  if (status === 401 || status === 403) return ExitCode.Auth;
  if (status === 404) return ExitCode.NotFound;
  if (status === 429) return ExitCode.RateLimited;
  if (status >= 500) return ExitCode.Server;
  if (status >= 400) return ExitCode.Validation;
  // A 1xx/3xx reaching the client is something it cannot use: treat as a server fault.
  return ExitCode.Server;
}

/** Builds the ApiError of a non-2xx response, keeping its parsed problem+json body. */
export function apiErrorFromResponse(res: TransportResponse, ctx: ApiErrorContext): ApiError {
  const problem = parseProblem(res.body);
  const unsupported = unsupportedOperation(res.status, problem, ctx.method, ctx.path);
  if (unsupported) return unsupported;
  const message = (problem && problemMessage(problem)) || fallbackMessage(res, ctx.url, problem);
  const exitCode = res.status === 422 && namesOnlyMissing(problem) ? ExitCode.NotFound : exitCodeForStatus(res.status);
  return new ApiError(message, exitCode, res.status, problem, hintFor(res, ctx));
}

/**
 * True when every problem of a 422 is a reference to something that does not exist (an
 * adjustment in asset ZZZ): that is "not found" (exit 4) whichever way it was asked, as
 * `--asset NOPE` (a 404 from the quote) already is (`credyt help exit-codes`).
 */
function namesOnlyMissing(problem: ProblemDetails | undefined): boolean {
  const errors = problem?.errors;
  if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return false;
  const messages = Object.values(errors).flat();
  return messages.length > 0 && messages.every((m) => typeof m === 'string' && / does not exist$/.test(m));
}

/**
 * One line from a problem+json body: `detail` (else `title`), then each entry of `errors`
 * as `field: message`. The generic title of a validation problem ("One or more validation
 * errors occurred.") is dropped when field errors say more. Undefined when it says nothing.
 */
export function problemMessage(problem: ProblemDetails): string | undefined {
  // Not every server speaks problem details: `message` and `error` are the usual others.
  const detail = text(problem.detail) ?? text(problem.message) ?? text(problem.error);
  // A detail that already says what the field errors say is not repeated.
  const fields = fieldErrors(problem.errors).filter((f) => !detail || !detail.includes(f.slice(f.indexOf(': ') + 2)));
  const head = detail ?? (fields.length > 0 ? undefined : text(problem.title));
  const parts = [head, fields.length > 0 ? fields.join('; ') : undefined].filter(
    (p): p is string => p !== undefined,
  );
  return parts.length > 0 ? oneLine(parts.join(': ')) : undefined;
}

/** Parses a body as a problem object; undefined when it is not a JSON object. */
export function parseProblem(body: string): ProblemDetails | undefined {
  if (!body.trimStart().startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = parseJsonLossless(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const problem = parsed as ProblemDetails;
  // `status` is a plain integer in our type; the lossless parser gave it as text.
  const status: unknown = problem.status;
  if (isLosslessNumber(status)) problem.status = Number(status.value);
  return problem;
}

function fieldErrors(errors: unknown): string[] {
  const out: string[] = [];
  if (Array.isArray(errors)) {
    // Some APIs list errors as objects rather than a map keyed by field.
    for (const e of errors) {
      if (typeof e === 'string') out.push(e);
      else if (e && typeof e === 'object') {
        const o = e as Record<string, unknown>;
        const field = text(o.field) ?? text(o.name) ?? text(o.path) ?? text(o.pointer);
        const msg = messageOf(o);
        if (msg) out.push(field ? `${field}: ${msg}` : msg);
      }
    }
  } else if (errors && typeof errors === 'object') {
    for (const [field, value] of Object.entries(errors as Record<string, unknown>)) {
      const messages = Array.isArray(value) ? value : [value];
      for (const m of messages) {
        const msg = text(m) ?? messageOf(m);
        if (msg) out.push(field === '' || field === '$' ? msg : `${field}: ${msg}`);
      }
    }
  }
  return out;
}

/** The text of an error given as an object (`{message}`, `{detail}` or `{reason}`). */
function messageOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const o = value as Record<string, unknown>;
  return text(o.message) ?? text(o.detail) ?? text(o.reason);
}

function fallbackMessage(res: TransportResponse, url: string, problem: ProblemDetails | undefined): string {
  // A problem that says nothing readable may still carry a machine code worth showing.
  const code = problem && text(problem.code);
  const head = `HTTP ${res.status} from ${url}${code ? ` (${oneLine(code, 80)})` : ''}`;
  // A short plain-text body often names the cause ("upstream timed out"); HTML does not.
  const body = oneLine(res.body);
  if (body !== '' && body.length <= 200 && !body.startsWith('<') && !body.startsWith('{')) {
    return `${head}: ${body}`;
  }
  return head;
}

function hintFor(res: TransportResponse, ctx: ApiErrorContext): string | undefined {
  const refusedAccount = accountHint(res, ctx);
  if (refusedAccount) return refusedAccount;
  if (res.status === 401 || res.status === 403) {
    if (ctx.keySource === 'flag') return 'check the key given with --api-key (it is used instead of the profile\'s)';
    if (ctx.keySource === 'env') return 'check CREDYT_API_KEY (it is used instead of the profile\'s key), or unset it';
    return ctx.profileName
      ? `check the API key of profile "${ctx.profileName}" or run \`credyt login\``
      : 'check the API key (--api-key, CREDYT_API_KEY or the profile) or run `credyt login`';
  }
  if (res.status === 429) {
    const after = oneLine(res.headers['retry-after'] ?? '', 40);
    if (/^\d+$/.test(after)) return `the API is rate limiting requests; it asked to wait ${after}s`;
    if (after !== '') return `the API is rate limiting requests; it asked to wait until ${after}`;
    return 'the API is rate limiting requests; wait and try again, or lower the concurrency';
  }
  if (res.status >= 500) return 'the server failed; try again later';
  return undefined;
}

/**
 * A 4xx that names X-CREDYT-ACCOUNT is about the selected account, not the key or the
 * resource: say where the id came from, which may be a profile's forgotten default.
 */
function accountHint(res: TransportResponse, ctx: ApiErrorContext): string | undefined {
  if (!ctx.account || res.status < 400 || res.status >= 500 || !/x-credyt-account/i.test(res.body)) return undefined;
  const from = ctx.accountSource === 'flag' ? '--account' : ctx.accountSource === 'env' ? 'CREDYT_ACCOUNT'
    : ctx.accountSource === 'profile' ? `the default of profile "${ctx.profileName}"` : undefined;
  return `${ctx.account}${from ? ` comes from ${from}` : ' is the selected account'}; \`credyt accounts list\` shows the platform's connected accounts`;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (isLosslessNumber(value)) return value.value;
  return undefined;
}

/** Collapses whitespace and strips control characters (terminal escapes included). */
export function oneLine(value: string, max = 500): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  const collapsed = flat.replace(/\s+/g, ' ').trim();
  return collapsed.length > max ? `${collapsed.slice(0, max - 1)}…` : collapsed;
}
