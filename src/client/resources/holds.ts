import type { Decimal } from '../../money/decimal.js';
import type { ClientCore } from '../core.js';
import type { Hold, HoldInput, HoldQuery } from '../ledger-types.js';
import { pageParams, segment, withQuery } from '../paths.js';
import type { Page } from '../types.js';

/** Holds on a customer's wallet (local engine extension, credyt-api §6.7). */
export const holdMethods = {
  /** `POST /customers/{id}/wallet/holds`: retried, since `hold_id` is its idempotency key. */
  createHold(this: ClientCore, customerId: string, input: HoldInput): Promise<Hold> {
    return this.requestJson('POST', `/customers/${segment(customerId)}/wallet/holds`, input, { retryable: true });
  },

  /** `POST …/holds/{holdId}/capture` (all of it without `amount`); never retried: a hold resolves once. */
  captureHold(this: ClientCore, customerId: string, holdId: string, amount?: Decimal | string): Promise<Hold> {
    const body = amount === undefined ? {} : { amount };
    return this.requestJson('POST', `/customers/${segment(customerId)}/wallet/holds/${segment(holdId)}/capture`, body);
  },

  /** `POST …/holds/{holdId}/void`. */
  voidHold(this: ClientCore, customerId: string, holdId: string): Promise<Hold> {
    return this.requestJson('POST', `/customers/${segment(customerId)}/wallet/holds/${segment(holdId)}/void`, {});
  },

  /** `GET /customers/{id}/wallet/holds` (one page, newest first). */
  listHolds(this: ClientCore, customerId: string, query: HoldQuery = {}): Promise<Page<Hold>> {
    const { limit, offset, ...filters } = query;
    const path = `/customers/${segment(customerId)}/wallet/holds`;
    return this.requestJson('GET', withQuery(path, { ...filters, ...pageParams({ limit, offset }) }));
  },
};

export type HoldMethods = typeof holdMethods;
