import type { LosslessNumber } from '../json/parse.js';
import type { Decimal } from '../money/decimal.js';

/**
 * Wire types of the Credyt API as the CLI reads them. Numbers arrive as `LosslessNumber`
 * (their text kept exactly); request amounts are sent as `Decimal`. Fields the local
 * engine adds beyond Credyt's documented shapes are optional, so a remote answer without
 * them still type-checks.
 */
export type Num = LosslessNumber;

export interface Page<T> {
  items: T[];
  total_count: Num;
  limit: Num;
  offset: Num;
}

export interface PageQuery {
  limit?: number;
  offset?: number;
}

export interface PlatformAccount {
  id: string;
  name?: string;
  live_mode?: boolean;
}

export interface Rate {
  source: string;
  rate: Num;
  inverse_rate: Num;
  effective_at: string;
  created_at?: string;
  /** Local engine, in rate history: active now, scheduled for later, or superseded. */
  status?: 'active' | 'scheduled' | 'superseded';
}

export interface Asset {
  code: string;
  name: string;
  label?: string | null;
  symbol?: string | null;
  precision: Num;
  /** Local engine: built-in fiat currency or a platform-defined asset. */
  kind?: 'fiat' | 'custom';
  rates: Rate[];
  scheduled_rates?: Rate[];
  created_at?: string;
}

export interface RateInput {
  source: string;
  rate?: Decimal;
  inverse_rate?: Decimal;
  effective_at?: string;
}

export interface CreateAssetInput {
  code: string;
  name: string;
  label?: string;
  symbol?: string;
  precision: number;
  rates?: RateInput[];
}

export interface QuoteInput {
  source: string;
  amount: Decimal;
}

export interface Quote {
  asset: string;
  source: string;
  amount: Num;
  quantity: Num;
  rate: Num;
  inverse_rate: Num;
  quoted_at: string;
}

export interface Subscription {
  id?: string;
  status?: string;
  started_at?: string;
  products: { id?: string; code: string; version?: Num | string }[];
  required_actions?: unknown[];
}

export interface Customer {
  id: string;
  name?: string | null;
  external_id?: string | null;
  email?: string | null;
  created_at?: string;
  external_accounts?: unknown[];
  subscriptions?: Subscription[];
  metadata?: Record<string, string>;
}

export interface CreateCustomerInput {
  name: string;
  external_id?: string;
  email?: string;
  metadata?: Record<string, string>;
  subscriptions?: { products: { code: string; version?: number | 'default' }[]; return_url?: string; failure_url?: string }[];
}

export interface WalletAccount {
  id: string;
  name: string;
  asset: string;
  available: Num;
  pending_in?: Num;
  pending_out?: Num;
}

export interface Wallet {
  accounts: WalletAccount[];
}

export type AdjustmentReason =
  | 'external_topup'
  | 'external_refund'
  | 'gift'
  | 'promotion'
  | 'charge'
  | 'correction'
  // Another server may accept others (Credyt documents only the first three).
  | (string & {});

export interface AdjustmentInput {
  transaction_id: string;
  asset: string;
  amount: Decimal;
  reason: AdjustmentReason;
  account_name?: string;
  description?: string;
  expires_at?: string;
  metadata?: Record<string, string>;
}

export interface Adjustment {
  id: string;
  created_at?: string;
  transaction_id?: string;
  customer_id?: string;
  account_id?: string;
  asset?: string;
  amount?: Num;
  reason?: AdjustmentReason;
  description?: string | null;
  expires_at?: string | null;
  metadata?: Record<string, string>;
}

/** Filters of the reconciliation lists (local extensions): `from` inclusive, `to` exclusive, on `created_at`. */
export interface ReconciliationQuery {
  customer_id?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface TopUpQuery extends ReconciliationQuery {
  status?: TopUpStatus;
}

export interface AdjustmentQuery extends ReconciliationQuery {
  reason?: string;
}

export interface TopUpInput {
  customer_id: string;
  amount: Decimal;
  currency: string;
  description?: string;
  destination?: { account_name?: string; asset?: string; exchange_rate?: Decimal };
  credit_expires_at?: string;
  return_url: string;
  failure_url: string;
  metadata?: Record<string, string>;
}

export type TopUpStatus = 'initiated' | 'completed' | 'failed' | 'expired';

export interface TopUp {
  id: string;
  status: TopUpStatus;
  redirect_url?: string;
  created_at?: string;
  expires_at?: string;
  customer_id?: string;
  amount?: Num;
  currency?: string;
  destination?: { account_name?: string; asset?: string; exchange_rate?: Num };
  quantity?: Num;
  description?: string | null;
  metadata?: Record<string, string>;
  completed_at?: string | null;
  failed_at?: string | null;
}

/** A vendor (Credyt publishes only `id` and `created_at` of its answers). */
export interface Vendor {
  id: string;
  name?: string;
  external_id?: string | null;
  created_at?: string;
}

/** A sum in one asset or currency, and how many events it came from (stats, a local shape). */
export interface StatsAmount {
  currency: string;
  amount: Num;
  events?: Num;
}

/** Revenue and cost in one currency: `margin = revenue - cost`. */
export interface StatsMargin {
  currency: string;
  revenue: Num;
  cost: Num;
  margin: Num;
}

/** `GET /customers/{id}/stats` and `GET /vendors/{id}/stats` as the local engine answers them. */
export interface Stats {
  customer_id?: string;
  vendor_id?: string;
  from?: string | null;
  to?: string | null;
  interval?: string | null;
  revenue?: StatsAmount[];
  costs?: StatsAmount[];
  margin?: StatsMargin[];
  periods?: ({ period: string } & Pick<Stats, 'revenue' | 'costs' | 'margin'>)[];
}

/** `?from=&to=` (UTC days) and `?interval=day|month` of a stats request. */
export interface StatsQuery {
  from?: string;
  to?: string;
  interval?: string;
}

/**
 * A connected account (Credyt for Platforms). Credyt documents only `id` and `external_id`;
 * the rest is what the local engine answers, optional so a minimal answer type-checks.
 */
export interface ConnectedAccount {
  id: string;
  name?: string;
  external_id?: string | null;
  metadata?: Record<string, string> | null;
  created_at?: string;
}

/** `POST /accounts`. */
export interface CreateAccountInput {
  name: string;
  external_id?: string;
  metadata?: Record<string, string>;
}
