import { Decimal, decimalText } from '../../money/decimal.js';
import { accountId, postingAccount, readAccountName, type PlatformPurpose } from '../ledger/accounts.js';
import { assetRule, checkAmount, type Sign } from '../assets/amounts.js';
import { sha256 } from '../../json/canonical.js';
import { findAsset } from '../assets/asset-registry.js';
import { requireCustomer } from '../customers/customers.js';
import { EngineError } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import { postEntry } from '../ledger/journal.js';
import { recordWebhookEvent } from '../webhooks/outbox.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import { expireDueTopUps } from './top-up-expiry.js';
import type { AdjustmentReason, AdjustmentView } from '../types.js';

/** Sign each reason requires (§6.5) and the platform account on the other side. */
export const REASONS: Record<AdjustmentReason, { sign: Sign; counter: PlatformPurpose }> = {
  external_topup: { sign: 'positive', counter: 'funding' },
  external_refund: { sign: 'negative', counter: 'refunds' },
  gift: { sign: 'positive', counter: 'promotion' },
  promotion: { sign: 'positive', counter: 'promotion' },
  charge: { sign: 'negative', counter: 'charges' },
  correction: { sign: 'nonzero', counter: 'corrections' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AdjustmentRequest {
  customerId: string;
  transactionId: string;
  asset: string;
  amount: Decimal;
  reason: AdjustmentReason;
  accountName: string;
  description: string | null;
  expiresAt: Date | undefined;
  metadata: Record<string, string>;
}

export interface AdjustmentRow {
  id: string;
  customer_id: string;
  account_name: string;
  asset: string;
  amount: string;
  reason: AdjustmentReason;
  description: string | null;
  expires_at: string | null;
  metadata: string;
  request_hash: string;
  created_at: string;
}

/** Checks everything that does not depend on stored state, so a replay passes them again. */
function readRequest(customerId: string, body: unknown): AdjustmentRequest {
  const fields = Fields.of(body);
  const transactionId = fields.string('transaction_id', { required: true, pattern: UUID, allowed: 'a UUID' });
  const asset = fields.string('asset', { required: true, max: 32 });
  const amount = fields.decimal('amount');
  const reasonText = fields.string('reason', { required: true });
  const reason = reasonText !== undefined && Object.hasOwn(REASONS, reasonText) ? (reasonText as AdjustmentReason) : undefined;
  if (reasonText !== undefined && !reason) {
    fields.fail('reason', `reason ${show(reasonText)} is not one of ${Object.keys(REASONS).join(', ')}`);
  }
  if (amount && reason) {
    const rule = { precision: 18, precisionNote: 'no asset has more than 18', sign: REASONS[reason].sign };
    checkAmount(fields, 'amount', amount, { ...rule, signNote: ` for reason ${reason}` });
  }
  const accountName = readAccountName(fields);
  const description = fields.string('description', { max: 1000 }) ?? null;
  const expiresAt = fields.timestamp('expires_at');
  const metadata = fields.metadata() ?? {};
  fields.done();
  return {
    customerId,
    transactionId: (transactionId as string).toLowerCase(),
    asset: asset as string,
    amount: amount as Decimal,
    reason: reason as AdjustmentReason,
    accountName,
    description,
    expiresAt,
    metadata,
  };
}

/** Same meaning ⇒ same hash: asset case, amount spelling and metadata key order do not count. */
export function requestHash(r: AdjustmentRequest): string {
  const canonical = JSON.stringify([
    r.customerId,
    r.transactionId,
    r.asset.toLowerCase(),
    decimalText(r.amount),
    r.reason,
    r.accountName,
    r.description,
    r.expiresAt ? isoText(r.expiresAt) : null,
    Object.entries(r.metadata).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
  return sha256(canonical);
}

export function adjustmentView(row: AdjustmentRow, metadata?: Record<string, string>): AdjustmentView {
  return {
    id: row.id,
    transaction_id: row.id,
    customer_id: row.customer_id,
    account_id: accountId({ customer_id: row.customer_id, name: row.account_name, asset: row.asset }),
    asset: row.asset,
    amount: new Decimal(row.amount),
    reason: row.reason,
    description: row.description,
    expires_at: row.expires_at,
    metadata: metadata ?? (JSON.parse(row.metadata) as Record<string, string>),
    created_at: row.created_at,
  };
}

function findAdjustment(store: Store, id: string): AdjustmentRow | undefined {
  return store
    .stmt(
      `SELECT j.id, j.customer_id, a.name AS account_name, a.asset, j.amount, j.reason, j.description,
              j.expires_at, j.metadata, j.request_hash, j.created_at
       FROM adjustments j JOIN accounts a ON a.seq = j.account_seq WHERE j.id = ?`,
    )
    .get(id) as AdjustmentRow | undefined;
}

/** Customers requireKnownCustomer remembers at most. */
const REMEMBERED_CUSTOMERS = 10_000;

/**
 * requireCustomer, remembered: customers are never deleted, and the memo is dropped when
 * a write rolls back (a customer made in a rolled-back write is forgotten with it).
 */
function requireKnownCustomer(store: Store, customerId: string): void {
  const known = store.memo('known customers', () => new Set<string>());
  if (known.has(customerId)) return;
  requireCustomer(store, customerId);
  if (known.size >= REMEMBERED_CUSTOMERS) known.clear();
  known.add(customerId);
}

/** An adjustment as answered, and whether the request was a replay (nothing moved). */
export interface AdjustmentResult {
  adjustment: AdjustmentView;
  replayed: boolean;
}

/**
 * `POST /customers/{id}/wallet/adjustments`. transaction_id is the idempotency key: the
 * same request again answers the original adjustment and changes nothing (`replayed`); a
 * different request with that key is a 409 idempotency_conflict carrying the stored
 * adjustment as `existing`, so a client can tell "already applied at another rate" from a
 * key used twice (docs/decisions.md, "Money paths").
 */
export function applyAdjustment(store: Store, customerId: string, body: unknown): AdjustmentResult {
  const request = readRequest(customerId, body);
  const hash = requestHash(request);
  return store.write(() => {
    const existing = findAdjustment(store, request.transactionId);
    if (existing) {
      if (existing.request_hash === hash) return { adjustment: adjustmentView(existing), replayed: true };
      throw new EngineError(
        409,
        'idempotency_conflict',
        `transaction_id ${request.transactionId} was already used for a different adjustment`,
        undefined,
        { existing_id: existing.id, existing: adjustmentView(existing) },
      );
    }
    requireKnownCustomer(store, customerId);
    const now = store.clock();
    const fields = Fields.of({});
    const asset = findAsset(store, request.asset);
    if (!asset) fields.fail('asset', `asset ${show(request.asset)} does not exist`);
    else checkAmount(fields, 'amount', request.amount, assetRule(asset, REASONS[request.reason].sign));
    if (request.expiresAt && request.expiresAt <= now) {
      fields.fail('expires_at', `expires_at ${isoText(request.expiresAt)} is not in the future`);
    }
    fields.done();
    if (!asset) throw new Error('unreachable: asset checked above');

    expireDueTopUps(store, customerId);
    const account = postingAccount(store, customerId, request.accountName, asset.code);
    const counter = postingAccount(store, null, REASONS[request.reason].counter, asset.code);
    const entryId = postEntry(store, {
      kind: 'adjustment',
      reference: request.transactionId,
      postings: [
        { account, bucket: 'available', amount: request.amount },
        { account: counter, bucket: 'available', amount: request.amount.neg() },
      ],
    });
    // The row as stored; the answer is made from it, as a replay's is from the read row.
    const row: AdjustmentRow = {
      id: request.transactionId,
      customer_id: customerId,
      account_name: account.name,
      asset: account.asset,
      amount: decimalText(request.amount),
      reason: request.reason,
      description: request.description,
      expires_at: request.expiresAt ? isoText(request.expiresAt) : null,
      metadata: JSON.stringify(request.metadata),
      request_hash: hash,
      created_at: isoText(now),
    };
    store
      .stmt(
        `INSERT INTO adjustments (id, customer_id, account_seq, amount, reason, description, expires_at,
           metadata, request_hash, entry_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(row.id, customerId, account.seq, row.amount, row.reason, row.description, row.expires_at, row.metadata, hash, entryId, row.created_at);
    const adjustment = adjustmentView(row, request.metadata);
    recordWebhookEvent(store, 'adjustment.created', adjustment);
    return { adjustment, replayed: false };
  });
}

/** applyAdjustment's adjustment, for callers that need not know whether it was a replay. */
export function createAdjustment(store: Store, customerId: string, body: unknown): AdjustmentView {
  return applyAdjustment(store, customerId, body).adjustment;
}
