import { Decimal, decimalText } from '../money/decimal.js';
import { parseJsonDecimal } from '../money/json.js';
import { parseExactJson } from './exact-json.js';
import type { VerifyContext } from './verify-context.js';

type Sums = Map<string, Decimal>;

function add(sums: Sums, asset: string, amount: Decimal): void {
  sums.set(asset, (sums.get(asset) ?? new Decimal(0)).add(amount));
}

function same(a: Sums, b: Sums): boolean {
  const assets = new Set([...a.keys(), ...b.keys()]);
  return [...assets].every((asset) => (a.get(asset) ?? new Decimal(0)).eq(b.get(asset) ?? new Decimal(0)));
}

function text(sums: Sums): string {
  const parts = [...sums].filter(([, v]) => !v.isZero()).map(([asset, v]) => `${decimalText(v)} ${asset}`);
  return parts.length > 0 ? parts.join(' + ') : 'nothing';
}

const toDecimal = (digits: string) => new Decimal(digits);

/** What an event's stored fees charge, per asset. */
function charged(fees: string): Sums {
  const sums: Sums = new Map();
  const list = parseExactJson(fees, toDecimal, parseJsonDecimal) as { asset: string; amount: Decimal }[];
  for (const fee of list) add(sums, fee.asset, fee.amount);
  return sums;
}

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
    add(entry.taken, account.asset, new Decimal(p.amount).neg());
  }
  const events = store.db
    .prepare("SELECT id, customer_id, entry_id, fees FROM events WHERE entry_id IS NOT NULL OR fees <> '[]'")
    .iterate() as IterableIterator<{ id: string; customer_id: string; entry_id: number | null; fees: string }>;
  for (const event of events) {
    const sums = charged(event.fees);
    const entry = event.entry_id === null ? undefined : entries.get(event.entry_id);
    if (entry) {
      entry.events++;
      entry.first ??= event.id;
      if (event.id === entry.reference) entry.named = true;
      for (const [asset, amount] of sums) add(entry.charged, asset, amount);
      for (const owner of entry.owners) {
        if (owner !== event.customer_id) {
          ctx.fail('accounts', 'events', event.id, `event ${event.id} of ${event.customer_id} is billed by entry ${event.entry_id}, which takes from ${owner}'s account`);
        }
      }
    } else if (!same(sums, new Map())) {
      ctx.fail('fees', 'events', event.id, `event ${event.id}: fees charge ${text(sums)} but its entry takes nothing`);
    }
  }
  ctx.count('events', (store.db.prepare('SELECT count(*) FROM events').pluck().get() as number));
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
