import { Decimal, decimalText } from '../../money/decimal.js';
import { accountBySeq, accountId, platformAccount } from '../ledger/accounts.js';
import { postEntry, type Posting } from '../ledger/journal.js';
import type { HoldStatus, HoldView } from '../ledger/ledger-types.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import { recordWebhookEvent } from '../webhooks/outbox.js';

export interface HoldRow {
  id: string;
  customer_id: string;
  account_seq: number;
  account_name: string;
  asset: string;
  amount: string;
  status: HoldStatus;
  captured_amount: string | null;
  description: string | null;
  expires_at: string | null;
  request_hash: string;
  created_at: string;
  resolved_at: string | null;
}

export const HOLD_SELECT = `SELECT h.id, h.customer_id, h.account_seq, a.name AS account_name, a.asset, h.amount,
  h.status, h.captured_amount, h.description, h.expires_at, h.request_hash, h.created_at, h.resolved_at
  FROM holds h JOIN accounts a ON a.seq = h.account_seq`;

export function findHold(store: Store, id: string): HoldRow | undefined {
  return store.stmt(`${HOLD_SELECT} WHERE h.id = ?`).get(id) as HoldRow | undefined;
}

export function holdView(row: HoldRow): HoldView {
  return {
    id: row.id,
    hold_id: row.id,
    customer_id: row.customer_id,
    account_id: accountId({ customer_id: row.customer_id, name: row.account_name, asset: row.asset }),
    asset: row.asset,
    amount: new Decimal(row.amount),
    status: row.status,
    captured_amount: row.captured_amount === null ? null : new Decimal(row.captured_amount),
    description: row.description,
    expires_at: row.expires_at,
    created_at: row.created_at,
    resolved_at: row.resolved_at,
  };
}

/**
 * Settles a pending hold: its whole amount leaves `pending_out`; a capture also takes
 * `captured` from `available` into `platform:captures`. One entry, one status change.
 */
export function resolveHold(
  store: Store,
  row: HoldRow,
  status: Exclude<HoldStatus, 'pending'>,
  at: Date,
  captured?: Decimal,
): void {
  const account = accountBySeq(store, row.account_seq);
  const amount = new Decimal(row.amount);
  const postings: Posting[] = [
    { account, bucket: 'pending_out', amount: amount.neg() },
    { account: platformAccount(store, 'holds', row.asset), bucket: 'pending_out', amount },
  ];
  if (status === 'captured' && captured) {
    postings.push(
      { account, bucket: 'available', amount: captured.neg() },
      { account: platformAccount(store, 'captures', row.asset), bucket: 'available', amount: captured },
    );
  }
  postEntry(store, { kind: `hold_${status}`, reference: row.id, postings });
  store
    .stmt('UPDATE holds SET status = ?, captured_amount = ?, resolved_at = ? WHERE id = ?')
    .run(status, captured ? decimalText(captured) : null, isoText(at), row.id);
  if (status !== 'expired') {
    const settled = { ...row, status, captured_amount: captured ? decimalText(captured) : null, resolved_at: isoText(at) };
    recordWebhookEvent(store, `hold.${status}`, holdView(settled));
  }
}

/**
 * Expires a customer's lapsed holds, lazily: every read or write that shows or touches the
 * customer's balances calls this first, and the expiry is dated at `expires_at`, so lazy
 * expiry reads the same as an eager sweep.
 */
export function expireDueHolds(store: Store, customerId: string): void {
  const now = isoText(store.clock());
  const due = () =>
    store
      .stmt(`${HOLD_SELECT} WHERE h.customer_id = ? AND h.status = 'pending' AND h.expires_at <= ? ORDER BY h.seq`)
      .all(customerId, now) as HoldRow[];
  if (due().length === 0) return;
  store.write(() => {
    for (const row of due()) resolveHold(store, row, 'expired', new Date(row.expires_at as string));
  });
}
