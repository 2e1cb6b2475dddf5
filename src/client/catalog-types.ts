import type { Num, PageQuery, Subscription } from './types.js';
import type { Decimal } from '../money/decimal.js';

/**
 * Wire types of products, subscriptions and usage events (contract §2.5–§2.6, §6.8–§6.9).
 * Prices are passed through as the platform wrote them: the CLI validates nothing of
 * their inner shape that the API validates itself.
 */
export type Price = Record<string, unknown>;

export interface ProductVersion {
  version: Num;
  status: 'draft' | 'published' | string;
  is_default: boolean;
  name?: string;
  description?: string | null;
  prices: Price[];
  entitlements?: unknown[];
  created_at?: string;
  published_at?: string | null;
}

export interface Product {
  id: string;
  code: string;
  name?: string;
  description?: string | null;
  default_version?: Num | null;
  versions?: ProductVersion[];
  created_at?: string;
}

/** Answer of `POST /products` and `POST /products/{id}`. */
export interface ProductVersionRef {
  id: string;
  code?: string;
  version: Num;
  status: string;
  is_default: boolean;
}

export interface ProductRef {
  code: string;
  version?: number | 'default';
}

export interface SubscriptionInput {
  products: ProductRef[];
  /** Where the payer lands after paying a recurring fixed fee (required for such versions). */
  return_url?: string;
  /** Where the payer goes when the payment fails or is abandoned. */
  failure_url?: string;
}

export type { Subscription };

export interface UsageEventInput {
  id: string;
  event_type: string;
  occurred_at?: string;
  subject?: string;
  description?: string;
  data?: Record<string, unknown>;
  /** What the event cost the platform, per vendor (`EventCost`: field names inferred from Credyt's prose). */
  costs?: EventCostInput[];
  customer_id?: string;
  customer_external_id?: string;
}

/** One vendor's cost of an event: the vendor by Credyt id or by external id. */
export interface EventCostInput {
  vendor_id?: string;
  vendor_external_id?: string;
  amount: Decimal;
  currency: string;
}

export interface PostEventsInput {
  customer_id?: string;
  customer_external_id?: string;
  events: UsageEventInput[];
}

export interface Fee {
  product_id?: string;
  product_code?: string;
  product_version?: Num;
  price_name?: string | null;
  asset: string;
  amount: Num;
  account_id?: string;
  dimensions?: Record<string, unknown>;
  quantity?: Num;
}

export interface EventResult {
  id: string;
  status: 'accepted' | 'duplicate' | 'conflict' | string;
  fees?: Fee[];
}

export interface PostEventsResult {
  events: EventResult[];
}

export interface UsageEvent {
  id: string;
  customer_id?: string;
  event_type: string;
  occurred_at?: string;
  received_at?: string;
  subject?: string | null;
  description?: string | null;
  data?: Record<string, unknown>;
  fees: Fee[];
}

export interface EventQuery {
  customer_id?: string;
  event_type?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface SimulatedEvent {
  id?: string;
  event_type: string;
  fees: Fee[];
}

export interface SimulationResult {
  product_id: string;
  version: Num;
  events: SimulatedEvent[];
  totals: { asset: string; amount: Num }[];
}

export interface SimulateInput {
  events: Omit<UsageEventInput, 'customer_id' | 'customer_external_id'>[];
}

/** What `products create` and `products version` send: the file's content plus `publish`. */
export type ProductInput = Record<string, unknown> & { publish?: boolean };

/**
 * A subscription as the local engine's `/subscriptions` answers it (a local extension,
 * docs/subscriptions.md): the customer's subscription plus its billing period.
 */
export interface SubscriptionView extends Subscription {
  id: string;
  customer_id: string;
  status: 'pending' | 'active' | 'failed' | 'cancelled' | string;
  current_period_start?: string | null;
  current_period_end?: string | null;
  next_charge_at?: string | null;
  cancel_at_period_end?: boolean;
  cancelled_at?: string | null;
}

export interface SubscriptionQuery extends PageQuery {
  customer_id?: string;
  status?: string;
}

export interface CancelSubscriptionInput {
  at_period_end?: boolean;
  prorate?: boolean;
}

export interface ChangeSubscriptionInput {
  product: ProductRef;
  prorate?: boolean;
}

/** `GET /local/clock` (a local extension): the engine's time and how far it is from the wall's. */
export interface LocalClock {
  now: string;
  wall_time?: string;
  offset_seconds?: Num;
  [key: string]: unknown;
}

/** A clock move's answer: the clock after it and what fell due on the way, counted by kind. */
export interface LocalClockMove extends LocalClock {
  processed?: Record<string, Num>;
}
