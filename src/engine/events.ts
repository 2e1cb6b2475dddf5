import { Decimal } from '../money/decimal.js';
import { DEFAULT_ACCOUNT, ensureAccount, platformAccount, type AccountRow } from './accounts.js';
import { billingVersions } from './billing-versions.js';
import { canonicalJson, sha256 } from './canonical-json.js';
import { EngineError, notFound } from './errors.js';
import { eventFees } from './event-fees.js';
import { exactJson } from './exact-json.js';
import { readCustomerRef, readEvents, type CustomerRef, type EventInput } from './event-input.js';
import { storedFees } from './event-rows.js';
import { Fields } from './fields.js';
import { JournalBatch, type Posting } from './journal.js';
import { PriceIndex, type Fee } from './price-index.js';
import { show } from './show.js';
import type { Store } from './store.js';
import { isoText } from './time.js';
import { expireDueTopUps } from './top-up-expiry.js';
import type { EventResultView } from './types.js';

/** An event id already stored (or accepted earlier in this request). */
interface Prior {
  request_hash: string;
  fees: string;
}

function resolveCustomer(store: Store, ref: CustomerRef): string {
  if (ref.id !== undefined) {
    if (!store.stmt('SELECT 1 FROM customers WHERE id = ?').get(ref.id)) throw notFound('customer', ref.id);
    return ref.id;
  }
  const id = store.stmt('SELECT id FROM customers WHERE external_id = ?').pluck().get(ref.externalId) as string | undefined;
  if (!id) throw new EngineError(404, 'not_found', `no customer has external_id ${show(ref.externalId)}`);
  return id;
}

/** Same meaning ⇒ same hash: the resolved customer (id or external id alike), key order, number spelling. */
function eventHash(customerId: string, e: EventInput): string {
  const { id, eventType, occurredAt, subject, description, data, costs } = e;
  return sha256(canonicalJson([customerId, id, eventType, occurredAt ?? null, subject, description, data, costs]));
}

/** Per request: each customer's price index and accounts, looked up once. */
class Billing {
  private readonly indexes = new Map<string, PriceIndex>();
  private readonly accounts = new Map<string, AccountRow>();

  constructor(private readonly store: Store) {}

  index(customerId: string): PriceIndex {
    let index = this.indexes.get(customerId);
    if (!index) {
      expireDueTopUps(this.store, customerId);
      this.indexes.set(customerId, (index = new PriceIndex(this.store, billingVersions(this.store, customerId))));
    }
    return index;
  }

  account(customerId: string | null, asset: string): AccountRow {
    const key = `${customerId ?? ''} ${asset}`;
    let account = this.accounts.get(key);
    if (!account) {
      account = customerId
        ? ensureAccount(this.store, customerId, DEFAULT_ACCOUNT, asset)
        : platformAccount(this.store, 'revenue', asset);
      this.accounts.set(key, account);
    }
    return account;
  }

  /** One entry per event: its fees, summed per asset, leave the customer for platform revenue. */
  postings(customerId: string, fees: Fee[]): Posting[] {
    const sums = new Map<string, Decimal>();
    for (const { view } of fees) sums.set(view.asset, (sums.get(view.asset) ?? new Decimal(0)).add(view.amount));
    return [...sums].flatMap(([asset, sum]) => [
      { account: this.account(customerId, asset), bucket: 'available' as const, amount: sum.neg() },
      { account: this.account(null, asset), bucket: 'available' as const, amount: sum },
    ]);
  }
}

/**
 * `POST /events`: 1–1,000 usage events, billed at once from each customer's subscribed
 * versions, all in one transaction. Validation is all-or-nothing; an event id seen before
 * answers `duplicate` (same body, original fees, no charge) or `conflict` (no effect).
 */
export function postEvents(store: Store, body: unknown): { events: EventResultView[] } {
  const now = store.clock();
  const fields = Fields.of(body);
  const top = readCustomerRef(fields);
  const events = readEvents(fields, now);
  if (!top && events.some((e) => !e.customer)) {
    fields.fail('customer_id', 'customer_id or customer_external_id is required (for the request or on every event)');
  }
  fields.done();
  const received = isoText(now);

  return store.write(() => {
    const customerOf = new Map<string, string>();
    const customers = events.map((e) => {
      const ref = (e.customer ?? top) as CustomerRef;
      const key = ref.id !== undefined ? `id ${ref.id}` : `ext ${ref.externalId}`;
      let id = customerOf.get(key);
      if (id === undefined) customerOf.set(key, (id = resolveCustomer(store, ref)));
      return id;
    });
    const billing = new Billing(store);
    const fees = events.map((e, i) => eventFees(billing.index(customers[i]), e));
    fields.done();

    // One lookup for the whole batch instead of one per event.
    const known = store
      .stmt('SELECT id, request_hash, fees FROM events WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(events.map((e) => e.id))) as (Prior & { id: string })[];
    const prior = new Map<string, Prior>(known.map((row) => [row.id, row]));
    const insert = store.stmt(
      `INSERT INTO events (id, customer_id, event_type, occurred_at, received_at, subject, description, data, costs,
         request_hash, fees, entry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const journal = new JournalBatch(store);
    const results = events.map((e, i): EventResultView => {
      const id = e.id as string;
      const hash = eventHash(customers[i], e);
      const before = prior.get(id);
      if (before) {
        return before.request_hash === hash
          ? { id, status: 'duplicate', fees: storedFees(before.fees) }
          : { id, status: 'conflict', fees: [] };
      }
      const postings = billing.postings(customers[i], fees[i]);
      const rounding = fees[i].some((f) => f.rounded) ? 'half_up' : undefined;
      const moves = postings.some((p) => !p.amount.isZero());
      const entryId = moves ? journal.add({ kind: 'usage_fees', reference: id, postings, rounding }) : null;
      const views = fees[i].map((f) => f.view);
      const feesJson = exactJson(views);
      insert.run(
        id,
        customers[i],
        e.eventType,
        e.occurredAt ?? received,
        received,
        e.subject,
        e.description,
        exactJson(e.data),
        exactJson(e.costs),
        hash,
        feesJson,
        entryId,
      );
      // A second copy later in this same request is a replay of this one.
      prior.set(id, { request_hash: hash, fees: feesJson });
      return { id, status: 'accepted', fees: views };
    });
    journal.flush();
    return { events: results };
  });
}
