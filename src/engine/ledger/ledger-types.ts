import type { Decimal } from '../../money/decimal.js';

export type HoldStatus = 'pending' | 'captured' | 'voided' | 'expired';

/** A hold (§6.7, local extension): value reserved in `pending_out` until resolved. */
export interface HoldView {
  id: string;
  hold_id: string;
  customer_id: string;
  account_id: string;
  asset: string;
  amount: Decimal;
  status: HoldStatus;
  captured_amount: Decimal | null;
  description: string | null;
  expires_at: string | null;
  created_at: string;
  resolved_at: string | null;
}

export type GrantPurpose = 'promotion' | 'bundled' | 'paid';

/** A credit grant (§1.8, W4): one credit of an account with its own purpose and expiry. */
export interface GrantView {
  id: string;
  account_id: string;
  asset: string;
  purpose: GrantPurpose;
  amount: Decimal;
  /** What is left to draw: 0 once expired, so Σ remaining − debt = available. */
  remaining: Decimal;
  /** What expired unused (moved to breakage); 0 until then. Local extension. */
  expired_amount: Decimal;
  effective_at: string;
  expires_at: string | null;
  expired_at: string | null;
  source: { type: string; id: string };
}

/** One journal entry as it touched one customer account: a line of a wallet statement. */
export interface TransactionView {
  id: string;
  entry_id: number;
  type: string;
  account_id: string;
  asset: string;
  /** Signed change of `available`. */
  amount: Decimal;
  pending_in: Decimal;
  pending_out: Decimal;
  /** `available` of the account right after this entry. */
  balance: Decimal;
  reference: string;
  created_at: string;
}
