import { ClientCore } from './core.js';
import { assetMethods, type AssetMethods } from './resources/assets.js';
import { customerMethods, type CustomerMethods } from './resources/customers.js';
import { eventMethods, type EventMethods } from './resources/events.js';
import { holdMethods, type HoldMethods } from './resources/holds.js';
import { localClockMethods, type LocalClockMethods } from './resources/local-clock.js';
import { productMethods, type ProductMethods } from './resources/products.js';
import { subscriptionMethods, type SubscriptionMethods } from './resources/subscriptions.js';
import { topUpMethods, type TopUpMethods } from './resources/top-ups.js';
import { walletMethods, type WalletMethods } from './resources/wallet.js';

export type { CredytClientOptions, HttpMethod, RequestOptions } from './core.js';
export type { EventBatchAnswer, EventBatchCustomer } from './resources/events.js';

/**
 * Typed client of the Credyt API: one method per endpoint, over any Transport.
 *
 * Each method returns the response body exactly as parsed: numbers are `LosslessNumber`s
 * holding the digits the API sent, so the same value serves typed code and `-o json`.
 * Request amounts (`Decimal`) are written as exact JSON numbers. A non-2xx answer throws
 * an ApiError (see api-errors.ts for the exit codes).
 *
 * The requests themselves are ClientCore's (core.ts); the endpoint methods are written by
 * resource in resources/*.ts and put on this class here, so callers see one client.
 */
export class CredytClient extends ClientCore {}

// Declaration merging gives the class the resources' methods' types; Object.assign, their code.
export interface CredytClient
  extends AssetMethods,
    CustomerMethods,
    WalletMethods,
    HoldMethods,
    TopUpMethods,
    ProductMethods,
    EventMethods,
    SubscriptionMethods,
    LocalClockMethods {}

Object.assign(
  CredytClient.prototype,
  assetMethods,
  customerMethods,
  walletMethods,
  holdMethods,
  topUpMethods,
  productMethods,
  eventMethods,
  subscriptionMethods,
  localClockMethods,
);
