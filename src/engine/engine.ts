import { applyAdjustment, createAdjustment, type AdjustmentResult } from './movements/adjustments.js';
import { apiKeysEpoch, checkApiKey, createApiKey, listApiKeys, revokeApiKey, type ApiKeyView } from './customers/api-keys.js';
import { createAsset, getAsset, listAssets } from './assets/assets.js';
import { createCustomer, createSubscription, getCustomer, getCustomerByExternalId, listCustomers } from './customers/customers.js';
import { getEvent, listEvents } from './fees/event-read.js';
import { ingestEvents, postEvents, postEventsJson, type Outcome } from './fees/events.js';
import type { Query } from './request/paging.js';
import { platformAccountView } from './customers/platform.js';
import { addVersion, createProduct, getProduct, getProductByCode, listProducts, updateVersion } from './catalog/products.js';
import { quote } from './assets/quote.js';
import { addRate, listRates } from './assets/rates.js';
import { Store } from './store/store.js';
import type { CommitGroups } from './store/group-commit.js';
import type { Clock } from './request/time.js';
import { createTopUp, getTopUp, resolveTopUpById } from './movements/top-ups.js';
import { listAdjustments, listTopUps } from './reads/reconciliation.js';
import { Portal, type PortalSessionView } from './portal/portal.js';
import { Webhooks } from './webhooks/webhooks.js';
import { Vendors } from './vendors/vendors-api.js';
import { ConnectedAccounts } from './accounts/connected-accounts.js';
import type {
  AccountView,
  AdjustmentView,
  AssetView,
  CustomerView,
  EventResultView,
  EventView,
  PageView,
  PlatformAccountView,
  ProductVersionRef,
  ProductVersionView,
  ProductView,
  QuoteView,
  SimulationView,
  SubscriptionView,
  RateView,
  TopUpView,
  Violation,
  WalletView,
} from './types.js';
import { simulateUsage } from './fees/simulate.js';
import { verifyLedger, verifyReport, type VerifyReport } from './verify/verify.js';
import { getAccount, getWallet } from './reads/wallet.js';
import { listGrants } from './reads/grants.js';
import { listTransactions } from './reads/history.js';
import { captureHold, createHold, getHold, listHolds, voidHold } from './movements/holds.js';
import type { GrantView, HoldView, TransactionView } from './ledger/ledger-types.js';

export interface EngineOptions {
  /** SQLite file (its directory is created), or ':memory:'. */
  path: string;
  clock?: Clock;
  /** Webhook destinations may be plain http to any host, not only loopback. */
  allowInsecureWebhooks?: boolean;
  /** A connected account's engine: its id, the database's own account id (customers/platform.ts). */
  accountId?: string;
  /** A connected account's engine: the platform's connect destinations' topics (Store.connectTopics). */
  connectTopics?: () => readonly (readonly string[])[];
}

/** Where top-up redirect URLs point when the caller does not say. */
export const DEFAULT_ORIGIN = 'http://127.0.0.1';

/**
 * The wallet engine. Request bodies and queries are untrusted JSON (amounts as Decimal or
 * decimal strings); every method validates them and throws EngineError on refusal.
 */
export class Engine {
  private closed = false;
  /** Billing portal sessions and the signed links of the local pages (docs/portal.md). */
  readonly portal: Portal;
  /** Webhook destinations and deliveries (docs/webhooks.md). */
  readonly webhooks: Webhooks;
  /** Vendors, and the revenue, cost and margin stats of customers and vendors (docs/vendors.md). */
  readonly vendors: Vendors;
  /** The platform's connected accounts; their data is in databases of their own (docs/accounts.md). */
  readonly accounts: ConnectedAccounts;

  constructor(
    private readonly store: Store,
    /** How it was opened: connected accounts' engines open beside it, alike (account-engines.ts). */
    readonly options: EngineOptions,
  ) {
    this.portal = new Portal(store);
    this.webhooks = new Webhooks(store, { allowInsecure: options.allowInsecureWebhooks === true });
    this.vendors = new Vendors(store);
    this.accounts = new ConnectedAccounts(store);
  }

  get clock(): Clock {
    return this.store.clock;
  }

  createAsset(body: unknown): AssetView {
    return createAsset(this.store, body);
  }
  listAssets(query?: Query): PageView<AssetView> {
    return listAssets(this.store, query);
  }
  getAsset(code: string): AssetView {
    return getAsset(this.store, code);
  }
  /** Adds a rate and answers the asset as it now stands. */
  addRate(code: string, body: unknown): AssetView {
    addRate(this.store, code, body);
    return getAsset(this.store, code);
  }
  listRates(code: string, query?: Query): PageView<RateView> {
    return listRates(this.store, code, query);
  }
  quote(code: string, body: unknown): QuoteView {
    return quote(this.store, code, body);
  }

  createCustomer(body: unknown): CustomerView {
    return createCustomer(this.store, body);
  }
  listCustomers(query?: Query): PageView<CustomerView> {
    return listCustomers(this.store, query);
  }
  getCustomer(id: string): CustomerView {
    return getCustomer(this.store, id);
  }
  getCustomerByExternalId(externalId: string): CustomerView {
    return getCustomerByExternalId(this.store, externalId);
  }

  createSubscription(customerId: string, body: unknown): SubscriptionView {
    return createSubscription(this.store, customerId, body);
  }

  createProduct(body: unknown): ProductVersionRef {
    return createProduct(this.store, body);
  }
  /** `idOrCode`: a product's `prp_` id or its code, wherever a product is named. */
  addProductVersion(idOrCode: string, body: unknown): ProductVersionRef {
    return addVersion(this.store, idOrCode, body);
  }
  /** `version`: a number or `default`. */
  updateProductVersion(idOrCode: string, version: string, body: unknown): ProductVersionView {
    return updateVersion(this.store, idOrCode, version, body);
  }
  getProduct(idOrCode: string): ProductView {
    return getProduct(this.store, idOrCode);
  }
  getProductByCode(code: string): ProductView {
    return getProductByCode(this.store, code);
  }
  listProducts(query?: Query): PageView<ProductView> {
    return listProducts(this.store, query);
  }
  simulateUsage(idOrCode: string, version: string, body: unknown): SimulationView {
    return simulateUsage(this.store, idOrCode, version, body);
  }

  postEvents(body: unknown): { events: EventResultView[] } {
    return postEvents(this.store, body);
  }
  /** postEvents answered as JSON text (stringifyJson of its result): the route's text, for tests and benches. */
  postEventsJson(body: unknown): string {
    return postEventsJson(this.store, body);
  }
  /** postEvents's outcomes, each event's fees as JSON text: the route and the in-process lane answer from them. */
  postEventsOutcomes(body: unknown): readonly Outcome[] {
    return ingestEvents(this.store, body);
  }
  getEvent(id: string): EventView {
    return getEvent(this.store, id);
  }
  listEvents(query?: Query): PageView<EventView> {
    return listEvents(this.store, query);
  }

  getWallet(customerId: string): WalletView {
    return getWallet(this.store, customerId);
  }
  getAccount(customerId: string, accountId: string): AccountView {
    return getAccount(this.store, customerId, accountId);
  }
  createAdjustment(customerId: string, body: unknown): AdjustmentView {
    return createAdjustment(this.store, customerId, body);
  }
  /** createAdjustment, telling a replay (nothing moved) from a new adjustment. */
  applyAdjustment(customerId: string, body: unknown): AdjustmentResult {
    return applyAdjustment(this.store, customerId, body);
  }

  /** Top-ups answer with `redirect_url` = their signed checkout link. */
  createTopUp(body: unknown, origin = DEFAULT_ORIGIN): TopUpView {
    return this.portal.withCheckoutUrl(createTopUp(this.store, body, origin), origin);
  }
  getTopUp(id: string, origin = DEFAULT_ORIGIN): TopUpView {
    return this.portal.withCheckoutUrl(getTopUp(this.store, id, origin), origin);
  }
  completeTopUp(id: string, origin = DEFAULT_ORIGIN): TopUpView {
    return this.portal.withCheckoutUrl(resolveTopUpById(this.store, id, 'completed', origin), origin);
  }
  failTopUp(id: string, origin = DEFAULT_ORIGIN): TopUpView {
    return this.portal.withCheckoutUrl(resolveTopUpById(this.store, id, 'failed', origin), origin);
  }
  /** Local extension: top-ups newest first, for reconciliation. */
  listTopUps(query?: Query, origin = DEFAULT_ORIGIN): PageView<TopUpView> {
    const page = listTopUps(this.store, query, origin);
    return { ...page, items: page.items.map((t) => this.portal.withCheckoutUrl(t, origin)) };
  }
  /** Local extension: adjustments newest first, for reconciliation. */
  listAdjustments(query?: Query): PageView<AdjustmentView> {
    return listAdjustments(this.store, query);
  }
  /** `POST /billing-portal/sessions`. */
  createPortalSession(body: unknown, origin = DEFAULT_ORIGIN): PortalSessionView {
    return this.portal.createSession(body, origin);
  }

  /** Durable when it returns, even with group commit on: the key is shown at once. */
  createApiKey(): string {
    const key = createApiKey(this.store);
    this.store.flush();
    return key;
  }
  checkApiKey(key: string): boolean {
    return checkApiKey(this.store, key);
  }
  /** Changes whenever the set of live API keys may have (a key made or revoked anywhere). */
  apiKeysEpoch(): number {
    return apiKeysEpoch(this.store);
  }
  /** `credyt local keys list`: every key made on this database, never the key itself. */
  listApiKeys(): ApiKeyView[] {
    return listApiKeys(this.store);
  }
  /** `credyt local keys revoke`: by id, listed prefix or the key itself. */
  revokeApiKey(ref: string): ApiKeyView {
    const view = revokeApiKey(this.store, ref);
    this.store.flush();
    return view;
  }
  platformAccount(): PlatformAccountView {
    return platformAccountView(this.store);
  }

  /** `POST /customers/{id}/wallet/holds` (§6.7): idempotent by `hold_id`. */
  createHold(customerId: string, body: unknown): HoldView {
    return createHold(this.store, customerId, body);
  }
  captureHold(customerId: string, holdId: string, body: unknown): HoldView {
    return captureHold(this.store, customerId, holdId, body);
  }
  voidHold(customerId: string, holdId: string): HoldView {
    return voidHold(this.store, customerId, holdId);
  }
  getHold(customerId: string, holdId: string): HoldView {
    return getHold(this.store, customerId, holdId);
  }
  listHolds(customerId: string, query?: Query): PageView<HoldView> {
    return listHolds(this.store, customerId, query);
  }
  /** `GET /customers/{id}/wallet/{accountId}/grants`. */
  listGrants(customerId: string, accountId: string, query?: Query): PageView<GrantView> {
    return listGrants(this.store, customerId, accountId, query);
  }
  /** `GET /customers/{id}/wallet/transactions`: the customer's journal, newest first. */
  listTransactions(customerId: string, query?: Query): PageView<TransactionView> {
    return listTransactions(this.store, customerId, query);
  }

  /** Every broken ledger invariant; an empty list means the ledger is sound. */
  verify(): Violation[] {
    return verifyLedger(this.store);
  }

  /** What `credyt local verify` prints: rows checked per kind and every violation. */
  verifyReport(options: { full?: boolean } = {}): VerifyReport {
    return verifyReport(this.store, options);
  }

  /**
   * Turns group commit on (docs/ledger.md): writes of one event-loop turn share one
   * transaction and one fsync. The caller must hold every answer until `settled(mark)`.
   */
  groupCommit(): CommitGroups {
    return this.store.groupCommit();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.store.flush();
    this.store.db.close();
  }
}
