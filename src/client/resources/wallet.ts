import type { ClientCore } from '../core.js';
import type { Grant, TransactionQuery, WalletTransaction } from '../ledger-types.js';
import { accountSegment, pageParams, segment, withQuery } from '../paths.js';
import type { Adjustment, AdjustmentInput, AdjustmentQuery, Page, PageQuery, Wallet, WalletAccount } from '../types.js';

/** A customer's wallet: balances, adjustments, grants and transactions (contract §2.3, §6.4–§6.5). */
export const walletMethods = {
  /** `GET /customers/{id}/wallet`. */
  getWallet(this: ClientCore, customerId: string): Promise<Wallet> {
    return this.requestJson('GET', `/customers/${segment(customerId)}/wallet`);
  },

  /** `GET /customers/{id}/wallet/{accountId}`, accountId like `default:TOK`. */
  getAccount(this: ClientCore, customerId: string, accountId: string): Promise<WalletAccount> {
    return this.requestJson('GET', `/customers/${segment(customerId)}/wallet/${accountSegment(accountId)}`);
  },

  /**
   * `POST /customers/{id}/wallet/adjustments`. Retried on failure when it carries a
   * `transaction_id`, the API's idempotency key: a replay has no second effect.
   */
  createAdjustment(this: ClientCore, customerId: string, input: AdjustmentInput): Promise<Adjustment> {
    return this.requestJson('POST', `/customers/${segment(customerId)}/wallet/adjustments`, input, {
      retryable: Boolean(input.transaction_id),
    });
  },

  /** `GET /adjustments` (one page, newest first): a local extension of `credyt local serve` and the embedded engine. */
  listAdjustments(this: ClientCore, query: AdjustmentQuery = {}): Promise<Page<Adjustment>> {
    const { limit, offset, ...filters } = query;
    return this.requestJson('GET', withQuery('/adjustments', { ...filters, ...pageParams({ limit, offset }) }));
  },

  /** `GET /customers/{id}/wallet/{accountId}/grants` (one page, newest first). */
  listGrants(this: ClientCore, customerId: string, accountId: string, page?: PageQuery): Promise<Page<Grant>> {
    const path = `/customers/${segment(customerId)}/wallet/${accountSegment(accountId)}/grants`;
    return this.requestJson('GET', withQuery(path, pageParams(page)));
  },

  /** `GET /customers/{id}/wallet/transactions` (one page, newest first). */
  listTransactions(this: ClientCore, customerId: string, query: TransactionQuery = {}): Promise<Page<WalletTransaction>> {
    const { limit, offset, ...filters } = query;
    const path = `/customers/${segment(customerId)}/wallet/transactions`;
    return this.requestJson('GET', withQuery(path, { ...filters, ...pageParams({ limit, offset }) }));
  },
};

export type WalletMethods = typeof walletMethods;
