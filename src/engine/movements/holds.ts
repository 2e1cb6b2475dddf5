import { Decimal, decimalText } from '../../money/decimal.js';
import { ensureAccount, findAccount, platformAccount, readAccountName } from '../ledger/accounts.js';
import { assetRule, checkAmount } from '../assets/amounts.js';
import { sha256 } from '../../json/canonical.js';
import { findAsset } from '../assets/asset-registry.js';
import { requireCustomer } from '../customers/customers.js';
import { conflict, EngineError, invalid, notFound } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import { syncGrants } from '../ledger/grants.js';
import { expireDueHolds, findHold, HOLD_SELECT, holdView, resolveHold, type HoldRow } from './hold-settle.js';
import { postEntry } from '../ledger/journal.js';
import type { HoldStatus, HoldView } from '../ledger/ledger-types.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import { expireDueTopUps, forgetOpenExpiry } from './top-up-expiry.js';
import type { PageView } from '../types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES: readonly HoldStatus[] = ['pending', 'captured', 'voided', 'expired'];

function readRequest(customerId: string, body: unknown) {
  const fields = Fields.of(body);
  const holdId = fields.string('hold_id', { required: true, pattern: UUID, allowed: 'a UUID' });
  const asset = fields.string('asset', { required: true, max: 32 });
  const amount = fields.decimal('amount');
  if (amount) checkAmount(fields, 'amount', amount, { precision: 18, precisionNote: 'no asset has more than 18', sign: 'positive' });
  const accountName = readAccountName(fields);
  const expiresAt = fields.timestamp('expires_at');
  const description = fields.string('description', { max: 1000 }) ?? null;
  fields.done();
  const r = {
    customerId,
    holdId: (holdId as string).toLowerCase(),
    asset: asset as string,
    amount: amount as Decimal,
    accountName,
    expiresAt,
    description,
  };
  return { ...r, hash: holdRequestHash(r) };
}

/** Same meaning ⇒ same hash (asset case, amount spelling); verify recomputes it from the row. */
export function holdRequestHash(r: {
  customerId: string;
  holdId: string;
  asset: string;
  amount: Decimal;
  accountName: string;
  expiresAt: Date | undefined;
  description: string | null;
}): string {
  return sha256(
    JSON.stringify([
      r.customerId,
      r.holdId,
      r.asset.toLowerCase(),
      decimalText(r.amount),
      r.accountName,
      r.expiresAt ? isoText(r.expiresAt) : null,
      r.description,
    ]),
  );
}

/** Brings a customer's lazily-applied state up to now: lapsed top-ups, holds, grants. */
export function settleCustomer(store: Store, customerId: string, accountSeq?: number): void {
  expireDueTopUps(store, customerId);
  expireDueHolds(store, customerId);
  if (accountSeq !== undefined) syncGrants(store, accountSeq);
}

/**
 * `POST /customers/{id}/wallet/holds`: reserves `amount` in `pending_out`. `hold_id` is the
 * idempotency key (same body → the hold as it stands; different body → 409). A hold never
 * reserves more than `available − pending_out` (422 insufficient_funds).
 */
export function createHold(store: Store, customerId: string, body: unknown): HoldView {
  const r = readRequest(customerId, body);
  return store.write(() => {
    const existing = findHold(store, r.holdId);
    if (existing) {
      if (existing.request_hash === r.hash) {
        expireDueHolds(store, existing.customer_id);
        return holdView(findHold(store, r.holdId) as HoldRow);
      }
      throw new EngineError(409, 'idempotency_conflict', `hold_id ${r.holdId} was already used for a different hold`, undefined, {
        existing_id: existing.id,
      });
    }
    requireCustomer(store, customerId);
    const now = store.clock();
    const fields = Fields.of({});
    const asset = findAsset(store, r.asset);
    if (!asset) fields.fail('asset', `asset ${show(r.asset)} does not exist`);
    else checkAmount(fields, 'amount', r.amount, assetRule(asset, 'positive'));
    if (r.expiresAt && r.expiresAt <= now) fields.fail('expires_at', `expires_at ${isoText(r.expiresAt)} is not in the future`);
    fields.done();
    if (!asset) throw new Error('unreachable: asset checked above');

    const found = findAccount(store, customerId, r.accountName, asset.code);
    settleCustomer(store, customerId, found?.seq);
    const account = findAccount(store, customerId, r.accountName, asset.code);
    const free = account ? new Decimal(account.available).sub(account.pending_out) : new Decimal(0);
    if (r.amount.gt(free)) {
      const message = `amount ${decimalText(r.amount)} exceeds available − pending_out of ${r.accountName}:${asset.code} (${decimalText(free)})`;
      throw new EngineError(422, 'insufficient_funds', message, { amount: [message] });
    }
    const held = account ?? ensureAccount(store, customerId, r.accountName, asset.code);
    postEntry(store, {
      kind: 'hold_created',
      reference: r.holdId,
      postings: [
        { account: held, bucket: 'pending_out', amount: r.amount },
        { account: platformAccount(store, 'holds', asset.code), bucket: 'pending_out', amount: r.amount.neg() },
      ],
    });
    store
      .stmt(
        `INSERT INTO holds (id, customer_id, account_seq, amount, status, description, expires_at, request_hash, created_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
      )
      .run(r.holdId, customerId, held.seq, decimalText(r.amount), r.description, r.expiresAt ? isoText(r.expiresAt) : null, r.hash, isoText(now));
    forgetOpenExpiry(store, customerId);
    return holdView(findHold(store, r.holdId) as HoldRow);
  });
}

function requireHold(store: Store, customerId: string, holdId: string): HoldRow {
  requireCustomer(store, customerId);
  const row = findHold(store, holdId.toLowerCase());
  if (!row || row.customer_id !== customerId) throw notFound('hold', `${holdId} of customer ${customerId}`);
  return row;
}

/** Settles a pending hold (capture or void); expires it first if it lapsed; 409 once resolved. */
function resolve(store: Store, customerId: string, holdId: string, verb: 'capture' | 'void', body: unknown): HoldView {
  const fields = Fields.of(body);
  const amount = verb === 'capture' ? fields.decimal('amount', false) : undefined;
  fields.done();
  return store.write(() => {
    const first = requireHold(store, customerId, holdId);
    settleCustomer(store, customerId);
    const row = findHold(store, first.id) as HoldRow;
    if (row.status !== 'pending') {
      throw conflict(`cannot ${verb} hold ${row.id}: it is already ${row.status}`, { status: row.status });
    }
    let captured: Decimal | undefined;
    if (verb === 'capture') {
      const asset = findAsset(store, row.asset);
      captured = amount ?? new Decimal(row.amount);
      const check = Fields.of({});
      checkAmount(check, 'amount', captured, assetRule(asset ?? { code: row.asset, precision: 18 }, 'positive'));
      check.done();
      if (captured.gt(row.amount)) {
        throw invalid('amount', `amount ${decimalText(captured)} exceeds the hold's ${row.amount} ${row.asset}`);
      }
      syncGrants(store, row.account_seq);
    }
    resolveHold(store, row, verb === 'capture' ? 'captured' : 'voided', store.clock(), captured);
    return holdView(findHold(store, row.id) as HoldRow);
  });
}

export function captureHold(store: Store, customerId: string, holdId: string, body: unknown): HoldView {
  return resolve(store, customerId, holdId, 'capture', body);
}

export function voidHold(store: Store, customerId: string, holdId: string): HoldView {
  return resolve(store, customerId, holdId, 'void', undefined);
}

export function getHold(store: Store, customerId: string, holdId: string): HoldView {
  const row = requireHold(store, customerId, holdId);
  expireDueHolds(store, customerId);
  return holdView(findHold(store, row.id) as HoldRow);
}

/** `GET /customers/{id}/wallet/holds[?status=]`: newest first, paged. */
export function listHolds(store: Store, customerId: string, query?: Query): PageView<HoldView> {
  requireCustomer(store, customerId);
  const page = readPage(query);
  const status = query?.status;
  if (status !== undefined && !STATUSES.includes(status as HoldStatus)) {
    throw invalid('status', `status ${show(status)} is not one of ${STATUSES.join(', ')}`);
  }
  expireDueHolds(store, customerId);
  const where = status === undefined ? 'h.customer_id = ?' : 'h.customer_id = ? AND h.status = ?';
  const args = status === undefined ? [customerId] : [customerId, status];
  const total = (store.stmt(`SELECT count(*) AS n FROM holds h WHERE ${where}`).get(...args) as { n: number }).n;
  const rows = store.stmt(`${HOLD_SELECT} WHERE ${where} ORDER BY h.seq DESC LIMIT ? OFFSET ?`).all(...args, page.limit, page.offset) as HoldRow[];
  return pageOf(rows.map(holdView), total, page);
}
