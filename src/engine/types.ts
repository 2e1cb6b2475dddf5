import type { Decimal } from '../money/decimal.js';
import type { Entitlement, Price } from './catalog/pricing-types.js';

/**
 * Response shapes of the engine, as the server sends them (src/client/types.ts reads the
 * same shapes with every number kept as text). Amounts are Decimals end to end.
 */
export interface PageView<T> {
  items: T[];
  total_count: number;
  limit: number;
  offset: number;
}

export type RateStatus = 'active' | 'scheduled' | 'superseded';

export interface RateView {
  source: string;
  rate: Decimal;
  inverse_rate: Decimal;
  effective_at: string;
  created_at: string;
  status?: RateStatus;
}

export interface AssetView {
  code: string;
  name: string;
  label: string | null;
  symbol: string | null;
  precision: number;
  kind: 'fiat' | 'custom';
  rates: RateView[];
  scheduled_rates: RateView[];
  created_at?: string;
}

export interface QuoteView {
  asset: string;
  source: string;
  amount: Decimal;
  quantity: Decimal;
  rate: Decimal;
  inverse_rate: Decimal;
  quoted_at: string;
}

export interface CustomerView {
  id: string;
  external_id: string | null;
  name: string;
  email: string | null;
  created_at: string;
  external_accounts: unknown[];
  subscriptions: SubscriptionView[];
  metadata: Record<string, string>;
}

export interface AccountView {
  id: string;
  name: string;
  asset: string;
  available: Decimal;
  pending_in: Decimal;
  pending_out: Decimal;
}

export interface WalletView {
  accounts: AccountView[];
}

export type AdjustmentReason =
  | 'external_topup'
  | 'external_refund'
  | 'gift'
  | 'promotion'
  | 'charge'
  | 'correction';

export interface AdjustmentView {
  id: string;
  transaction_id: string;
  customer_id: string;
  account_id: string;
  asset: string;
  amount: Decimal;
  reason: AdjustmentReason;
  description: string | null;
  expires_at: string | null;
  metadata: Record<string, string>;
  created_at: string;
}

export type TopUpStatus = 'initiated' | 'completed' | 'failed' | 'expired';

export interface TopUpView {
  id: string;
  status: TopUpStatus;
  redirect_url: string;
  created_at: string;
  expires_at: string;
  customer_id: string;
  amount: Decimal;
  currency: string;
  destination: { account_name: string; asset: string; exchange_rate: Decimal };
  quantity: Decimal;
  description: string | null;
  metadata: Record<string, string>;
  credit_expires_at: string | null;
  return_url: string;
  failure_url: string;
  completed_at: string | null;
  failed_at: string | null;
  expired_at: string | null;
}

export interface PlatformAccountView {
  id: string;
  name: string;
  live_mode: boolean;
}

/** One broken invariant found by `Engine.verify()`. */
export interface Violation {
  invariant:
    | 'conservation'
    | 'entry_balance'
    | 'replay'
    | 'pending_in'
    | 'gapless'
    | 'fees'
    | 'event_ids'
    | 'pending_out'
    | 'grants'
    | 'integrity'
    | 'json_depth'
    | 'accounts'
    | 'adjustments'
    | 'top_ups'
    | 'holds'
    | 'journal'
    | 'chain'
    | 'api_keys'
    | 'webhooks'
    | 'subscriptions';
  /** The table of the row at fault and its id (absent for a whole-ledger sum). */
  table?: string;
  id?: string;
  detail: string;
}

export type VersionStatus = 'draft' | 'published';

/** One version of a product as `GET /products/{id}` lists it (newest first). */
export interface ProductVersionView {
  version: number;
  status: VersionStatus;
  is_default: boolean;
  name: string;
  description: string | null;
  prices: Price[];
  entitlements: Entitlement[];
  created_at: string;
  published_at: string | null;
}

export interface ProductView {
  id: string;
  code: string;
  /** Of the default version; of the newest while none is published. */
  name: string;
  description: string | null;
  default_version: number | null;
  versions: ProductVersionView[];
  created_at: string;
}

/** What `POST /products` and `POST /products/{id}` answer (contract §2.6 P1). */
export interface ProductVersionRef {
  id: string;
  code: string;
  version: number;
  status: VersionStatus;
  is_default: boolean;
}

export interface RequiredActionView {
  type: 'payment';
  redirect_url: string;
}

/** A subscription as Credyt shows it inside a customer; `required_actions` while pending. */
export interface SubscriptionView {
  id: string;
  status: 'pending' | 'active' | 'failed' | 'cancelled';
  started_at: string;
  products: { id: string; code: string; version: number }[];
  required_actions: RequiredActionView[];
}

/**
 * `GET /subscriptions/{id}` (local extension): the customer's view plus its billing
 * period. `next_charge_at`: when the next renewal bills (null once cancelled, set to end
 * at period end, or when nothing renews).
 */
export interface SubscriptionDetailView extends SubscriptionView {
  customer_id: string;
  activated_at: string | null;
  ended_at: string | null;
  current_period_start: string | null;
  current_period_end: string | null;
  next_charge_at: string | null;
  cancel_at_period_end: boolean;
}

export interface FeeView {
  product_id: string;
  product_code: string;
  product_version: number;
  price_name: string | null;
  asset: string;
  amount: Decimal;
  account_id: string;
  dimensions: Record<string, string>;
  /** The volume read from the event's data, for prices that have one. */
  quantity?: Decimal;
}

export type EventStatus = 'accepted' | 'duplicate' | 'conflict';

export interface EventResultView {
  id: string;
  status: EventStatus;
  fees: FeeView[];
}

export interface EventView {
  id: string;
  customer_id: string;
  event_type: string;
  occurred_at: string;
  received_at: string;
  subject: string | null;
  description: string | null;
  data: Record<string, unknown>;
  costs: unknown[];
  fees: FeeView[];
}

export interface SimulationView {
  product_id: string;
  version: number;
  events: { id?: string; event_type: string; fees: FeeView[] }[];
  totals: { asset: string; amount: Decimal }[];
}
