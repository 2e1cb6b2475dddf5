import { Decimal, decimalText } from '../money/decimal.js';
import { parseJsonDecimal } from '../money/json.js';
import type { Store } from './store.js';
import type { Violation } from './types.js';

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

/**
 * The `fees` invariant: what each stored event says it charged (its fees, per asset) is
 * exactly what its journal entry took from the customer, and every usage_fees entry
 * belongs to the event it names. Conservation and replay then cover the revenue side.
 */
export function verifyFees(store: Store): Violation[] {
  const violations: Violation[] = [];
  const posted = new Map<number, { reference: string; sums: Sums }>();
  const postings = store.db
    .prepare(
      `SELECT e.id, e.reference, a.asset, p.amount FROM journal_entries e
       JOIN journal_postings p ON p.entry_id = e.id JOIN accounts a ON a.seq = p.account_seq
       WHERE e.kind = 'usage_fees' AND a.customer_id IS NOT NULL`,
    )
    .iterate() as IterableIterator<{ id: number; reference: string; asset: string; amount: string }>;
  for (const p of postings) {
    let entry = posted.get(p.id);
    if (!entry) posted.set(p.id, (entry = { reference: p.reference, sums: new Map() }));
    add(entry.sums, p.asset, new Decimal(p.amount).neg());
  }
  const events = store.db
    .prepare("SELECT id, entry_id, fees FROM events WHERE entry_id IS NOT NULL OR fees <> '[]'")
    .iterate() as IterableIterator<{ id: string; entry_id: number | null; fees: string }>;
  for (const event of events) {
    const charged: Sums = new Map();
    for (const fee of parseJsonDecimal(event.fees) as { asset: string; amount: Decimal }[]) add(charged, fee.asset, fee.amount);
    const entry = event.entry_id === null ? undefined : posted.get(event.entry_id);
    if (entry) posted.delete(event.entry_id as number);
    if (entry && entry.reference !== event.id) {
      const detail = `event ${event.id} points at entry ${event.entry_id}, which is for ${entry.reference}`;
      violations.push({ invariant: 'fees', detail });
    }
    const taken = entry?.sums ?? new Map();
    if (!same(charged, taken)) {
      const detail = `event ${event.id}: fees charge ${text(charged)} but its entry takes ${text(taken)}`;
      violations.push({ invariant: 'fees', detail });
    }
  }
  for (const [id, entry] of posted) {
    violations.push({ invariant: 'fees', detail: `usage_fees entry ${id} (${entry.reference}) belongs to no event` });
  }
  return violations;
}
