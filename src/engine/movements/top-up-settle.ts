import { Decimal } from '../../money/decimal.js';
import { accountBySeq, platformAccount } from '../ledger/accounts.js';
import { postEntry, type EntryKind, type Posting } from '../ledger/journal.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import type { TopUpStatus, TopUpView } from '../types.js';
import { recordWebhookEvent } from '../webhooks/outbox.js';

export interface TopUpRow {
  id: string;
  customer_id: string;
  account_seq: number;
  account_name: string;
  asset: string;
  status: TopUpStatus;
  amount: string;
  currency: string;
  exchange_rate: string;
  quantity: string;
  rounded: 0 | 1;
  description: string | null;
  metadata: string;
  credit_expires_at: string | null;
  return_url: string;
  failure_url: string;
  created_at: string;
  expires_at: string;
  resolved_at: string | null;
}

export const TOP_UP_SELECT = `SELECT t.id, t.customer_id, t.account_seq, a.name AS account_name, a.asset, t.status, t.amount,
  t.currency, t.exchange_rate, t.quantity, t.rounded, t.description, t.metadata, t.credit_expires_at,
  t.return_url, t.failure_url, t.created_at, t.expires_at, t.resolved_at
  FROM top_ups t JOIN accounts a ON a.seq = t.account_seq`;

export function findTopUp(store: Store, id: string): TopUpRow | undefined {
  return store.stmt(`${TOP_UP_SELECT} WHERE t.id = ?`).get(id) as TopUpRow | undefined;
}

/** A customer's initiated top-ups whose checkout link has lapsed. */
export function dueTopUps(store: Store, now: Date, customerId: string): TopUpRow[] {
  return store
    .stmt(`${TOP_UP_SELECT} WHERE t.customer_id = ? AND t.status = 'initiated' AND t.expires_at <= ?`)
    .all(customerId, isoText(now)) as TopUpRow[];
}

export function topUpView(row: TopUpRow, origin: string): TopUpView {
  const resolvedAs = (status: TopUpStatus) => (row.status === status ? row.resolved_at : null);
  return {
    id: row.id,
    status: row.status,
    redirect_url: `${origin}/checkout/${row.id}`,
    created_at: row.created_at,
    expires_at: row.expires_at,
    customer_id: row.customer_id,
    amount: new Decimal(row.amount),
    currency: row.currency,
    destination: { account_name: row.account_name, asset: row.asset, exchange_rate: new Decimal(row.exchange_rate) },
    quantity: new Decimal(row.quantity),
    description: row.description,
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    credit_expires_at: row.credit_expires_at,
    return_url: row.return_url,
    failure_url: row.failure_url,
    completed_at: resolvedAs('completed'),
    failed_at: resolvedAs('failed'),
    expired_at: resolvedAs('expired'),
  };
}

/**
 * Moves an initiated top-up to its final status with the journal entry that settles its
 * pending_in. Completion credits `available` through the funding (and, for a conversion,
 * exchange) accounts; failure and expiry give the pending value back to checkout.
 */
export function resolveTopUp(store: Store, row: TopUpRow, status: Exclude<TopUpStatus, 'initiated'>, at: Date): void {
  const account = accountBySeq(store, row.account_seq);
  const checkout = platformAccount(store, 'checkout', row.asset);
  const quantity = new Decimal(row.quantity);
  const amount = new Decimal(row.amount);
  const postings: Posting[] = [
    { account, bucket: 'pending_in', amount: quantity.neg() },
    { account: checkout, bucket: 'pending_in', amount: quantity },
  ];
  if (status === 'completed') {
    postings.push({ account, bucket: 'available', amount: quantity });
    const funding = platformAccount(store, 'funding', row.currency);
    if (row.asset === row.currency && quantity.eq(amount)) {
      postings.push({ account: funding, bucket: 'available', amount: amount.neg() });
    } else {
      // A conversion: fiat flows into the exchange account, the asset flows out of it.
      postings.push(
        { account: funding, bucket: 'available', amount: amount.neg() },
        { account: platformAccount(store, 'exchange', row.currency), bucket: 'available', amount },
        { account: platformAccount(store, 'exchange', row.asset), bucket: 'available', amount: quantity.neg() },
      );
    }
  }
  const kind: EntryKind = `top_up_${status}`;
  const rounding = status === 'completed' && row.rounded ? 'down' : undefined;
  postEntry(store, { kind, reference: row.id, postings, rounding });
  store.stmt('UPDATE top_ups SET status = ?, resolved_at = ? WHERE id = ?').run(status, isoText(at), row.id);
  // The top-up as settled, less its checkout link (whose origin is the caller's, not the event's).
  const { redirect_url: _link, ...data } = topUpView({ ...row, status, resolved_at: isoText(at) }, '');
  recordWebhookEvent(store, `top_up.${status}`, data);
}
