import type { Decimal } from '../money/decimal.js';
import type { Num } from './types.js';

export type HoldStatus = 'pending' | 'captured' | 'voided' | 'expired';

/** `POST /customers/{id}/wallet/holds` body (§6.7, local extension). */
export interface HoldInput {
  hold_id: string;
  asset: string;
  amount: Decimal | string;
  account_name?: string;
  expires_at?: string;
  description?: string;
}

export interface Hold {
  id: string;
  hold_id: string;
  customer_id: string;
  account_id: string;
  asset: string;
  amount: Num;
  status: HoldStatus;
  captured_amount: Num | null;
  description: string | null;
  expires_at: string | null;
  created_at: string;
  resolved_at: string | null;
}

export interface HoldQuery {
  status?: HoldStatus;
  limit?: number;
  offset?: number;
}

/** A credit grant (W4): purpose, amount, what is left and when it expires. */
export interface Grant {
  id: string;
  account_id: string;
  asset: string;
  purpose: 'promotion' | 'bundled' | 'paid';
  amount: Num;
  /** 0 once the grant expired. */
  remaining: Num;
  /** What expired unused; a local extension, absent from the hosted API. */
  expired_amount?: Num;
  effective_at: string;
  expires_at: string | null;
  expired_at: string | null;
  source: { type: string; id: string };
}

/** One line of `GET /customers/{id}/wallet/transactions`. */
export interface WalletTransaction {
  id: string;
  entry_id: Num;
  type: string;
  account_id: string;
  asset: string;
  amount: Num;
  pending_in: Num;
  pending_out: Num;
  balance: Num;
  reference: string;
  created_at: string;
}

export interface TransactionQuery {
  account?: string;
  type?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}
