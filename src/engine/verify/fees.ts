import { add, addCharged, same, sumsText as text, units, type Sums } from './fee-sums.js';
import type { VerifyContext } from './context.js';
import { storedFeesJson } from '../fees/price-index.js';

interface Entry {
  reference: string;
  /** What the entry took from customers, per asset. */
  taken: Sums;
  /** The customers whose accounts it took from (one, for a sound entry). */
  owners: Set<string>;
  /** What the fees of the events pointing at it charge, per asset. */
  charged: Sums;
  /** How many events point at it, the first of them, and whether one is its reference. */
  events: number;
  first: string | undefined;
  named: boolean;
}

/**
 * The `fees` invariant: what the events of a usage_fees entry say they charged (their
 * fees, per asset) is exactly what the entry took from the customer; every such entry
 * names one of its events, and an event whose fees charge something points at an entry.
 * An entry bills the accepted events of one customer in one request (docs/ledger.md);
 * older ledgers hold one entry per event, which is the same rule. The accounts it takes
 * from belong to the events' customer. Conservation and replay then cover the revenue side.
 */
/** An event row's fees as the JSON the engine answers; `[` (unreadable) if the stored form is broken. */
function answeredFees(stored: string): string {
  try {
    return storedFeesJson(stored);
  } catch {
    return '[';
  }
}

export function verifyFees(ctx: VerifyContext): void {
  const { store } = ctx;
  const entries = new Map<number, Entry>();
  const postings = store.db
    .prepare(
      `SELECT e.id, e.reference, p.account_seq, p.amount FROM journal_entries e
       JOIN journal_postings p ON p.entry_id = e.id
       WHERE e.kind = 'usage_fees'`,
    )
    .iterate() as IterableIterator<{ id: number; reference: string; account_seq: number; amount: string }>;
  for (const p of postings) {
    const account = ctx.accounts.get(p.account_seq);
    if (!account || account.customer_id === null) continue;
    let entry = entries.get(p.id);
    if (!entry) {
      entry = { reference: p.reference, taken: new Map(), owners: new Set(), charged: new Map(), events: 0, first: undefined, named: false };
      entries.set(p.id, entry);
    }
    entry.owners.add(account.customer_id);
    add(entry.taken, account.asset, -(units(p.amount) ?? 0n));
  }
  // Every event is read (the count is printed); those that charge nothing and point at no entry pass.
  const events = store.db.prepare('SELECT id, customer_id, entry_id, fees FROM events').raw().iterate() as IterableIterator<
    [string, string, number | null, string]
  >;
  let count = 0;
  for (const [id, customer, entryId, fees] of events) {
    count++;
    if (entryId === null && fees === '[]') continue;
    const entry = entryId === null ? undefined : entries.get(entryId);
    const sums: Sums = entry ? entry.charged : new Map();
    if (!addCharged(answeredFees(fees), sums)) {
      ctx.fail('fees', 'events', id, `event ${id}: its stored fees cannot be read`);
      continue;
    }
    if (entry) {
      entry.events++;
      entry.first ??= id;
      if (id === entry.reference) entry.named = true;
      for (const owner of entry.owners) {
        if (owner !== customer) {
          ctx.fail('accounts', 'events', id, `event ${id} of ${customer} is billed by entry ${entryId}, which takes from ${owner}'s account`);
        }
      }
    } else if ([...sums.values()].some((v) => v !== 0n)) {
      ctx.fail('fees', 'events', id, `event ${id}: fees charge ${text(sums)} but its entry takes nothing`);
    }
  }
  ctx.count('events', count);
  for (const [id, entry] of entries) {
    if (entry.events === 0) {
      ctx.fail('fees', 'journal_entries', id, `usage_fees entry ${id} (${entry.reference}) belongs to no event`);
      continue;
    }
    if (!entry.named) {
      ctx.fail('fees', 'events', entry.first, `event ${entry.first} points at entry ${id}, which is for ${entry.reference}`);
    }
    if (!same(entry.charged, entry.taken)) {
      if (entry.events === 1) {
        ctx.fail('fees', 'events', entry.first, `event ${entry.first}: fees charge ${text(entry.charged)} but its entry takes ${text(entry.taken)}`);
      } else {
        ctx.fail('fees', 'journal_entries', id, `entry ${id}: the fees of its ${entry.events} events charge ${text(entry.charged)} but it takes ${text(entry.taken)}`);
      }
    }
  }
}
