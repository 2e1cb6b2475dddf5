import { ApiError, ExitCode } from '../errors.js';
import { parseJsonLossless } from '../json/parse.js';
import { stringifyJson } from '../json/write.js';
import { apiErrorFromResponse, oneLine } from './api-errors.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import { defaultUserAgent } from './user-agent.js';

export type HttpMethod = TransportRequest['method'];

/** Scopes a request to a connected account (Credyt for Platforms); any casing is accepted. */
export const ACCOUNT_HEADER = 'X-CREDYT-ACCOUNT';

export interface CredytClientOptions {
  transport: Transport;
  /** Sent as `X-CREDYT-API-KEY`; the embedded transport needs none. */
  apiKey?: string;
  /** Default `credyt/<version> node/<version>`. */
  userAgent?: string;
  /** Profile in use, named in the hint of an authentication error. */
  profileName?: string;
  /** Where the key came from: a key from --api-key or CREDYT_API_KEY is no profile's fault. */
  keySource?: 'flag' | 'env' | 'profile';
  /**
   * A connected account (`acc_…`) every request acts on, sent as `X-CREDYT-ACCOUNT`
   * (Credyt for Platforms). Unset: the platform's own data.
   */
  account?: string;
  /** What selected `account`, named in the hint of an answer refusing it. */
  accountSource?: 'flag' | 'env' | 'profile';
}

export interface RequestOptions {
  /** Safe to repeat after a failure. Default: true for GET, false otherwise. */
  retryable?: boolean;
  /** Extra headers (e.g. `X-CREDYT-ACCOUNT`). */
  headers?: Record<string, string>;
  /** `requestRaw` answers a non-2xx response instead of throwing (`credyt api`). */
  anyStatus?: boolean;
  /** Body text sent exactly as given (`credyt api --input`), instead of `body` as JSON. */
  rawBody?: string;
  /** A GET answered with no body (or `null`) reads as undefined, not as a server fault. */
  emptyOk?: boolean;
}

/**
 * What every endpoint method of the client stands on: one request over the Transport, its
 * answer parsed decimal-exactly, a non-2xx answer turned into an ApiError (api-errors.ts).
 * The endpoint methods live by resource in resources/*.ts; client.ts puts them together.
 */
export class ClientCore {
  readonly transport: Transport;
  readonly #apiKey: string | undefined;
  readonly #userAgent: string;
  readonly #profileName: string | undefined;
  readonly #keySource: CredytClientOptions['keySource'];
  readonly #options: CredytClientOptions;

  constructor(options: CredytClientOptions) {
    this.#options = options;
    this.transport = options.transport;
    this.#apiKey = options.apiKey;
    this.#userAgent = options.userAgent ?? defaultUserAgent();
    this.#profileName = options.profileName;
    this.#keySource = options.keySource;
  }

  /** The connected account this client's requests act on, if any. */
  get account(): string | undefined {
    return this.#options.account;
  }

  /**
   * The same client (transport, key, profile) acting on another connected account, or on
   * the platform itself when `account` is undefined: `accounts` verbs and `whoami` speak
   * for the platform whichever account a run selected.
   */
  withAccount(account: string | undefined, accountSource?: CredytClientOptions['accountSource']): this {
    if (account === this.#options.account && accountSource === this.#options.accountSource) return this;
    const Client = this.constructor as new (options: CredytClientOptions) => this;
    return new Client({ ...this.#options, account, accountSource: account ? accountSource : undefined });
  }

  /**
   * Any endpoint; the body is parsed decimal-exactly (`undefined` for an empty body).
   * @param path path with its query string, e.g. `withQuery('/events', {customer_id})`
   * @param body a value to send as JSON (Decimals written exactly)
   */
  async requestJson<T = unknown>(
    method: HttpMethod,
    path: string,
    body?: unknown,
    options?: RequestOptions,
  ): Promise<T> {
    const res = await this.requestRaw(method, path, body, options);
    // A read that answers nothing cannot be printed: the server's fault (exit 7), not a
    // crash. A write answering nothing did happen; its command says what is unknown.
    const noBody = () => new ApiError(`GET ${responseUrl(res, path)} answered ${res.status} without a body`, ExitCode.Server, res.status, undefined);
    if (res.body.trim() === '') {
      if (method === 'GET' && !options?.emptyOk) throw noBody();
      return undefined as T;
    }
    try {
      const parsed = parseJsonLossless(res.body) as T;
      if (parsed === null && method === 'GET' && !options?.emptyOk) throw noBody();
      return parsed;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // A write's 2xx means it happened even when the body is not JSON: read as no body.
      if (method !== 'GET') return undefined as T;
      const why = error instanceof Error ? error.message : String(error);
      throw new ApiError(
        `Invalid JSON in the answer to ${method} ${responseUrl(res, path)}: ${oneLine(why, 120)}`,
        ExitCode.Server,
        res.status,
        undefined,
      );
    }
  }

  /**
   * Any endpoint, answering the raw 2xx response (status, headers, body text), or any
   * response with `anyStatus`.
   * @throws ApiError for a non-2xx status (unless `anyStatus`); NetworkError when the server cannot be reached
   */
  async requestRaw(
    method: HttpMethod,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<TransportResponse> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.#userAgent,
      ...options.headers,
    };
    // A caller's own header wins, in any casing: `credyt api -H x-credyt-account:…`.
    const named = Object.keys(headers).some((h) => h.toLowerCase() === ACCOUNT_HEADER.toLowerCase());
    if (this.#options.account && !named) headers[ACCOUNT_HEADER] = this.#options.account;
    if (this.#apiKey) headers['X-CREDYT-API-KEY'] = this.#apiKey;
    const text = options.rawBody ?? (body === undefined ? undefined : stringifyJson(body));
    if (text !== undefined) headers['Content-Type'] = 'application/json';
    const res = await this.transport.request({
      method,
      path,
      body: text,
      headers,
      retryable: options.retryable ?? method === 'GET',
    });
    if ((res.status >= 200 && res.status < 300) || options.anyStatus) return res;
    throw this.answerError(res, method, path);
  }

  /**
   * The ApiError of a non-2xx answer to `method path`, as requestRaw throws it: also for
   * an answer that came inside another one (a result of a batch of adjustments).
   */
  answerError(res: TransportResponse, method: HttpMethod, path: string): ApiError {
    return apiErrorFromResponse(res, {
      url: responseUrl(res, path),
      profileName: this.#profileName,
      keySource: this.#keySource,
      method,
      path,
      account: this.#options.account,
      accountSource: this.#options.accountSource,
    });
  }
}

/** The HTTP transport tells which URL answered; the embedded one has only the path. */
function responseUrl(res: TransportResponse, path: string): string {
  const url = (res as { url?: unknown }).url;
  return typeof url === 'string' ? url : path;
}
