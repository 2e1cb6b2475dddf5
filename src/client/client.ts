import { ApiError, ExitCode, UsageError } from '../errors.js';
import { parseJsonLossless } from '../json/parse.js';
import { stringifyJson } from '../json/write.js';
import { apiErrorFromResponse, oneLine } from './api-errors.js';
import { isCustomerId, pickCustomerByExternalId } from './customer-ref.js';
import { pickLookupAnswer } from './lookup-answer.js';
import { accountSegment, pageParams, segment, withQuery } from './paths.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import type {
  Adjustment,
  AdjustmentInput,
  Asset,
  CreateAssetInput,
  CreateCustomerInput,
  Customer,
  Page,
  PageQuery,
  PlatformAccount,
  Quote,
  QuoteInput,
  Rate,
  RateInput,
  TopUp,
  TopUpQuery,
  AdjustmentQuery,
  TopUpInput,
  Wallet,
  WalletAccount,
} from './types.js';
import type {
  EventQuery,
  PostEventsInput,
  PostEventsResult,
  Product,
  ProductInput,
  ProductVersion,
  ProductVersionRef,
  SimulateInput,
  SimulationResult,
  Subscription,
  SubscriptionInput,
  UsageEvent,
} from './catalog-types.js';
import type { Decimal } from '../money/decimal.js';
import type { Grant, Hold, HoldInput, HoldQuery, TransactionQuery, WalletTransaction } from './ledger-types.js';
import { defaultUserAgent } from './user-agent.js';

export type HttpMethod = TransportRequest['method'];

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
 * Typed client of the Credyt API: one method per endpoint, over any Transport.
 *
 * Each method returns the response body exactly as parsed: numbers are `LosslessNumber`s
 * holding the digits the API sent, so the same value serves typed code and `-o json`.
 * Request amounts (`Decimal`) are written as exact JSON numbers. A non-2xx answer throws
 * an ApiError (see api-errors.ts for the exit codes).
 */
export class CredytClient {
  readonly transport: Transport;
  readonly #apiKey: string | undefined;
  readonly #userAgent: string;
  readonly #profileName: string | undefined;
  readonly #keySource: CredytClientOptions['keySource'];

  constructor(options: CredytClientOptions) {
    this.transport = options.transport;
    this.#apiKey = options.apiKey;
    this.#userAgent = options.userAgent ?? defaultUserAgent();
    this.#profileName = options.profileName;
    this.#keySource = options.keySource;
  }

  /** `GET /accounts/self`: the platform account the key belongs to. */
  getSelf(): Promise<PlatformAccount> {
    return this.requestJson('GET', '/accounts/self');
  }

  /** `POST /assets`. */
  createAsset(input: CreateAssetInput): Promise<Asset> {
    return this.requestJson('POST', '/assets', input);
  }

  /** `GET /assets` (one page). */
  listAssets(page?: PageQuery): Promise<Page<Asset>> {
    return this.requestJson('GET', withQuery('/assets', pageParams(page)));
  }

  /** `GET /assets/{code}`. */
  getAsset(code: string): Promise<Asset> {
    return this.requestJson('GET', `/assets/${segment(code)}`);
  }

  /**
   * `POST /assets/{code}/quote`. Retryable although a POST: a quote changes nothing.
   */
  quote(code: string, input: QuoteInput): Promise<Quote> {
    return this.requestJson('POST', `/assets/${segment(code)}/quote`, input, { retryable: true });
  }

  /** `POST /assets/{code}/rates`: adds (or schedules) a rate; answers with the asset. */
  addRate(code: string, input: RateInput): Promise<Asset> {
    return this.requestJson('POST', `/assets/${segment(code)}/rates`, input);
  }

  /** `GET /assets/{code}/rates`: rate history (one page). */
  listRates(code: string, page?: PageQuery): Promise<Page<Rate>> {
    return this.requestJson('GET', withQuery(`/assets/${segment(code)}/rates`, pageParams(page)));
  }

  /** `POST /customers`. */
  createCustomer(input: CreateCustomerInput): Promise<Customer> {
    return this.requestJson('POST', '/customers', input);
  }

  /** `GET /customers` (one page). */
  listCustomers(page?: PageQuery): Promise<Page<Customer>> {
    return this.requestJson('GET', withQuery('/customers', pageParams(page)));
  }

  /** `GET /customers/{id}`. */
  getCustomer(id: string): Promise<Customer> {
    return this.requestJson('GET', `/customers/${segment(id)}`);
  }

  /**
   * `GET /customers?external_id=…`. Accepts a single object or a paged list (§6 intro).
   * @throws ApiError exit 4 when there is no such customer
   */
  async findCustomerByExternalId(externalId: string): Promise<Customer> {
    const notFound = (problem?: ApiError['problem']) =>
      customerNotFound(`No customer with external id ${JSON.stringify(externalId)}`, problem);
    let body: unknown;
    try {
      body = await this.requestJson('GET', withQuery('/customers', { external_id: externalId }), undefined, { emptyOk: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw notFound(error.problem);
      throw error;
    }
    const customer = pickCustomerByExternalId<Customer>(body, externalId);
    if (!customer) throw notFound();
    return customer;
  }

  /**
   * The customer id a user typed: a `cust_…` id is returned as is (no request); anything
   * else is looked up as an external id.
   * @throws ApiError exit 4 `No customer with id or external id "…"`
   * @throws UsageError (exit 2) for an empty reference, which names no customer
   */
  async resolveCustomer(ref: string): Promise<string> {
    if (isCustomerId(ref)) return ref;
    if (ref.trim() === '') throw new UsageError('The customer is empty: give a Credyt id (cust_…) or your external id.');
    try {
      return (await this.findCustomerByExternalId(ref)).id;
    } catch (error) {
      if (error instanceof ApiError && error.exitCode === ExitCode.NotFound) {
        throw customerNotFound(`No customer with id or external id ${JSON.stringify(ref)}`, error.problem);
      }
      throw error;
    }
  }

  /** `GET /customers/{id}/wallet`. */
  getWallet(customerId: string): Promise<Wallet> {
    return this.requestJson('GET', `/customers/${segment(customerId)}/wallet`);
  }

  /** `GET /customers/{id}/wallet/{accountId}`, accountId like `default:TOK`. */
  getAccount(customerId: string, accountId: string): Promise<WalletAccount> {
    return this.requestJson('GET', `/customers/${segment(customerId)}/wallet/${accountSegment(accountId)}`);
  }

  /**
   * `POST /customers/{id}/wallet/adjustments`. Retried on failure when it carries a
   * `transaction_id`, the API's idempotency key: a replay has no second effect.
   */
  createAdjustment(customerId: string, input: AdjustmentInput): Promise<Adjustment> {
    return this.requestJson('POST', `/customers/${segment(customerId)}/wallet/adjustments`, input, {
      retryable: Boolean(input.transaction_id),
    });
  }

  /** `POST /customers/{id}/wallet/holds`: retried, since `hold_id` is its idempotency key. */
  createHold(customerId: string, input: HoldInput): Promise<Hold> {
    return this.requestJson('POST', `/customers/${segment(customerId)}/wallet/holds`, input, { retryable: true });
  }

  /** `POST …/holds/{holdId}/capture` (all of it without `amount`); never retried: a hold resolves once. */
  captureHold(customerId: string, holdId: string, amount?: Decimal | string): Promise<Hold> {
    const body = amount === undefined ? {} : { amount };
    return this.requestJson('POST', `/customers/${segment(customerId)}/wallet/holds/${segment(holdId)}/capture`, body);
  }

  /** `POST …/holds/{holdId}/void`. */
  voidHold(customerId: string, holdId: string): Promise<Hold> {
    return this.requestJson('POST', `/customers/${segment(customerId)}/wallet/holds/${segment(holdId)}/void`, {});
  }

  /** `GET /customers/{id}/wallet/holds` (one page, newest first). */
  listHolds(customerId: string, query: HoldQuery = {}): Promise<Page<Hold>> {
    const { limit, offset, ...filters } = query;
    const path = `/customers/${segment(customerId)}/wallet/holds`;
    return this.requestJson('GET', withQuery(path, { ...filters, ...pageParams({ limit, offset }) }));
  }

  /** `GET /customers/{id}/wallet/{accountId}/grants` (one page, newest first). */
  listGrants(customerId: string, accountId: string, page?: PageQuery): Promise<Page<Grant>> {
    const path = `/customers/${segment(customerId)}/wallet/${accountSegment(accountId)}/grants`;
    return this.requestJson('GET', withQuery(path, pageParams(page)));
  }

  /** `GET /customers/{id}/wallet/transactions` (one page, newest first). */
  listTransactions(customerId: string, query: TransactionQuery = {}): Promise<Page<WalletTransaction>> {
    const { limit, offset, ...filters } = query;
    const path = `/customers/${segment(customerId)}/wallet/transactions`;
    return this.requestJson('GET', withQuery(path, { ...filters, ...pageParams({ limit, offset }) }));
  }

  /** `POST /top-ups`: starts a top-up (never retried: it has no idempotency key). */
  createTopUp(input: TopUpInput): Promise<TopUp> {
    return this.requestJson('POST', '/top-ups', input);
  }

  /** `GET /top-ups/{id}`. */
  getTopUp(id: string): Promise<TopUp> {
    return this.requestJson('GET', `/top-ups/${segment(id)}`);
  }

  /** `POST /top-ups/{id}/complete` (local engine extension). */
  completeTopUp(id: string): Promise<TopUp> {
    return this.requestJson('POST', `/top-ups/${segment(id)}/complete`);
  }

  /** `POST /top-ups/{id}/fail` (local engine extension). */
  failTopUp(id: string): Promise<TopUp> {
    return this.requestJson('POST', `/top-ups/${segment(id)}/fail`);
  }

  /** `POST /customers/{id}/subscriptions`. */
  subscribe(customerId: string, input: SubscriptionInput): Promise<Subscription> {
    return this.requestJson('POST', `/customers/${segment(customerId)}/subscriptions`, input);
  }

  /** `POST /products`: creates version 1 (a draft unless `publish`). */
  createProduct(input: ProductInput): Promise<ProductVersionRef> {
    return this.requestJson('POST', '/products', input);
  }

  /** `GET /products` (one page). */
  listProducts(page?: PageQuery): Promise<Page<Product>> {
    return this.requestJson('GET', withQuery('/products', pageParams(page)));
  }

  /** `GET /products/{id}`: the product with its versions. */
  getProduct(id: string): Promise<Product> {
    return this.requestJson('GET', `/products/${segment(id)}`);
  }

  /**
   * The product a user named: a `prp_…` id as is, else a code looked up with
   * `GET /products?code=` (a single object or a paged list, §6 intro).
   * @throws ApiError exit 4 when there is none
   */
  async resolveProduct(ref: string): Promise<string> {
    if (/^prp_[0-9a-z]{26}$/.test(ref)) return ref;
    const notFound = (problem?: ApiError['problem']) =>
      new ApiError(`No product with id or code ${JSON.stringify(ref)}`, ExitCode.NotFound, 404, problem, 'list products with `credyt products list`');
    let body: unknown;
    try {
      body = await this.requestJson('GET', withQuery('/products', { code: ref }), undefined, { emptyOk: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw notFound(error.problem);
      throw error;
    }
    const match = pickLookupAnswer<Product>(body, 'code', ref, (a, b) => a.toLowerCase() === b.toLowerCase());
    if (!match) throw notFound();
    return match.id;
  }

  /** `POST /products/{id}`: a new version. */
  createProductVersion(productId: string, input: ProductInput): Promise<ProductVersionRef> {
    return this.requestJson('POST', `/products/${segment(productId)}`, input);
  }

  /** `PATCH /products/{id}/{version}`: publish and/or make default. */
  updateProductVersion(
    productId: string,
    version: number,
    input: { publish?: boolean; make_default?: boolean },
  ): Promise<ProductVersion> {
    return this.requestJson('PATCH', `/products/${segment(productId)}/${version}`, input);
  }

  /** `POST /products/{id}/{version|default}/simulate-usage`: prices events, charges nobody. */
  simulateUsage(productId: string, version: number | 'default', input: SimulateInput): Promise<SimulationResult> {
    return this.requestJson('POST', `/products/${segment(productId)}/${version}/simulate-usage`, input, {
      retryable: true,
    });
  }

  /**
   * `POST /events`. Retried on failure: every event carries its id, the API's
   * idempotency key, so a replay is answered `duplicate` and charges nothing.
   */
  postEvents(input: PostEventsInput): Promise<PostEventsResult> {
    return this.requestJson('POST', '/events', input, { retryable: true });
  }

  /** `GET /top-ups` (one page, newest first): a local extension of `credyt local serve` and the embedded engine. */
  listTopUps(query: TopUpQuery = {}): Promise<Page<TopUp>> {
    const { limit, offset, ...filters } = query;
    return this.requestJson('GET', withQuery('/top-ups', { ...filters, ...pageParams({ limit, offset }) }));
  }

  /** `GET /adjustments` (one page, newest first): a local extension, as `listTopUps`. */
  listAdjustments(query: AdjustmentQuery = {}): Promise<Page<Adjustment>> {
    const { limit, offset, ...filters } = query;
    return this.requestJson('GET', withQuery('/adjustments', { ...filters, ...pageParams({ limit, offset }) }));
  }

  /** `GET /events` (one page, newest first). */
  listEvents(query: EventQuery = {}): Promise<Page<UsageEvent>> {
    const { limit, offset, ...filters } = query;
    return this.requestJson('GET', withQuery('/events', { ...filters, ...pageParams({ limit, offset }) }));
  }

  /** `GET /events/{id}`: the event with its fees. */
  getEvent(id: string): Promise<UsageEvent> {
    return this.requestJson('GET', `/events/${segment(id)}`);
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
    throw apiErrorFromResponse(res, { url: responseUrl(res, path), profileName: this.#profileName, keySource: this.#keySource, method, path });
  }
}

/** The HTTP transport tells which URL answered; the embedded one has only the path. */
function responseUrl(res: TransportResponse, path: string): string {
  const url = (res as { url?: unknown }).url;
  return typeof url === 'string' ? url : path;
}

function customerNotFound(message: string, problem?: ApiError['problem']): ApiError {
  return new ApiError(message, ExitCode.NotFound, 404, problem, 'list customers with `credyt customers list`');
}
