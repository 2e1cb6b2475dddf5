import { Decimal } from '../../money/decimal.js';
import { holdRequestHash } from '../movements/holds.js';
import { entriesByReference, reportOrphans, type Expected, type VerifyContext } from './context.js';

const KINDS = ['hold_created', 'hold_captured', 'hold_voided', 'hold_expired'] as const;

interface Row {
  id: string;
  customer_id: string;
  account_seq: number;
  amount: string;
  status: string;
  captured_amount: string | null;
  description: string | null;
  expires_at: string | null;
  request_hash: string;
  resolved_at: string | null;
}

/**
 * Every hold against the entries it produced: one `hold_created` entry reserving its
 * amount, and once resolved one `hold_<status>` entry releasing it (a capture also moving
 * `captured_amount` from the customer to `platform:captures`); `captured_amount` set
 * exactly when captured and never above the amount; the account belongs to its customer;
 * the stored request hash is that of the row's fields; no hold entry without its row.
 */
export function verifyHolds(ctx: VerifyContext): void {
  ctx.count('holds', 0);
  const entries = entriesByReference(ctx.store, KINDS);
  const rows = ctx.store.db
    .prepare(
      'SELECT id, customer_id, account_seq, amount, status, captured_amount, description, expires_at, request_hash, resolved_at FROM holds ORDER BY seq',
    )
    .iterate() as IterableIterator<Row>;
  for (const row of rows) {
    ctx.count('holds');
    const fail = (detail: string) => ctx.fail('holds', 'holds', row.id, detail);
    const account = ctx.ownedAccount(row, 'hold', 'reserves on it');
    const asset = account?.asset ?? '?';
    const amount = new Decimal(row.amount);
    const captured = row.captured_amount === null ? undefined : new Decimal(row.captured_amount);
    if ((row.status === 'captured') !== (captured !== undefined)) fail(`status ${row.status} with captured_amount ${row.captured_amount ?? 'null'}`);
    if (captured && (captured.lte(0) || captured.gt(amount))) fail(`captured_amount ${row.captured_amount} is not within (0, ${row.amount}]`);
    if ((row.status === 'pending') !== (row.resolved_at === null)) fail(`status ${row.status} with resolved_at ${row.resolved_at ?? 'null'}`);

    const mine = entries.get(row.id) ?? [];
    entries.delete(row.id);
    const want = row.status === 'pending' ? ['hold_created'] : ['hold_created', `hold_${row.status}`];
    const kinds = mine.map((e) => e.kind);
    if (kinds.join() !== want.join()) fail(`status ${row.status} needs entries ${want.join(', ')} but the journal has ${kinds.join(', ') || 'none'}`);
    const holds = ctx.platformAccount('holds', asset);
    for (const entry of mine) {
      const expected: Expected[] =
        entry.kind === 'hold_created'
          ? [
              { account, bucket: 'pending_out', amount },
              { account: holds, bucket: 'pending_out', amount: amount.neg() },
            ]
          : [
              { account, bucket: 'pending_out', amount: amount.neg() },
              { account: holds, bucket: 'pending_out', amount },
            ];
      if (entry.kind === 'hold_captured' && captured) {
        expected.push(
          { account, bucket: 'available', amount: captured.neg() },
          { account: ctx.platformAccount('captures', asset), bucket: 'available', amount: captured },
        );
      }
      const diff = ctx.comparePostings(entry, expected);
      if (diff) fail(diff);
    }
    const hash = account
      ? holdRequestHash({
          customerId: row.customer_id,
          holdId: row.id,
          asset,
          amount,
          accountName: account.name,
          expiresAt: row.expires_at === null ? undefined : new Date(row.expires_at),
          description: row.description,
        })
      : undefined;
    if (hash !== row.request_hash) fail('its fields do not hash to its stored request hash: the row was edited');
  }
  reportOrphans(ctx, entries, 'holds', 'hold');
}
