import { Decimal } from '../../money/decimal.js';
import { parseJsonDecimal } from '../../json/parse.js';
import type { AccountRow } from '../ledger/accounts.js';
import { entriesByReference, reportOrphans, type Expected, type VerifyContext } from './context.js';

const ENTRY_OF: Record<string, string> = { paid: 'subscription_paid', fee: 'subscription_fee', proration: 'subscription_fee', refund: 'subscription_refund' };

interface ChargeRow {
  id: string;
  kind: string;
  amounts: string;
  entry_id: number;
  customer_id: string;
}

interface GrantRow {
  id: string;
  asset: string;
  amount: string;
  entry_id: number;
  customer_id: string;
}

const defaults = new WeakMap<VerifyContext, Map<string, AccountRow>>();

/** The customer's `default:<ASSET>` account, where subscriptions bill and grant. */
function customerAccount(ctx: VerifyContext, customerId: string, asset: string): AccountRow | undefined {
  let byKey = defaults.get(ctx);
  if (!byKey) {
    byKey = new Map();
    for (const a of ctx.accounts.values()) if (a.customer_id !== null && a.name === 'default') byKey.set(`${a.customer_id} ${a.asset}`, a);
    defaults.set(ctx, byKey);
  }
  return byKey.get(`${customerId} ${asset}`);
}

/** The postings subscriptions/billing.ts writes for a charge (docs/subscriptions.md, "In the ledger"). */
function chargePostings(ctx: VerifyContext, row: ChargeRow): Expected[] {
  const out: Expected[] = [];
  for (const { asset, amount } of parseJsonDecimal(row.amounts) as { asset: string; amount: Decimal }[]) {
    const value = new Decimal(amount);
    const account = customerAccount(ctx, row.customer_id, asset);
    const revenue = ctx.platformAccount('revenue', asset);
    if (row.kind === 'paid') {
      out.push({ account, bucket: 'available', amount: value }, { account: ctx.platformAccount('funding', asset), bucket: 'available', amount: value.neg() });
    }
    const sign = row.kind === 'refund' ? value.neg() : value;
    out.push({ account, bucket: 'available', amount: sign.neg() }, { account: revenue, bucket: 'available', amount: sign });
  }
  return out;
}

/**
 * Every subscription charge and entitlement grant has exactly its journal entry, with the
 * postings its row implies, and every subscription entry has its row.
 */
export function verifySubscriptions(ctx: VerifyContext): void {
  const entries = entriesByReference(ctx.store, ['subscription_paid', 'subscription_fee', 'subscription_refund', 'subscription_grant']);
  const check = (table: string, id: string, entryId: number, kind: string, expected: Expected[]) => {
    const found = entries.get(id) ?? [];
    entries.delete(id);
    const entry = found.length === 1 ? found[0] : undefined;
    if (!entry || entry.id !== entryId || entry.kind !== kind) {
      ctx.fail('subscriptions', table, id, `${table} row ${id} should have one ${kind} entry (#${entryId}); the journal has ${found.length}`);
      return;
    }
    const difference = ctx.comparePostings(entry, expected);
    if (difference) ctx.fail('subscriptions', table, id, difference);
  };
  ctx.count('subscription_charges', 0);
  ctx.count('subscription_grants', 0);
  const charges = ctx.store.db
    .prepare('SELECT c.id, c.kind, c.amounts, c.entry_id, s.customer_id FROM subscription_charges c JOIN subscriptions s ON s.seq = c.subscription_seq')
    .iterate() as IterableIterator<ChargeRow>;
  for (const row of charges) {
    ctx.count('subscription_charges');
    check('subscription_charges', row.id, row.entry_id, ENTRY_OF[row.kind] ?? '?', chargePostings(ctx, row));
  }
  const grants = ctx.store.db
    .prepare('SELECT g.id, g.asset, g.amount, g.entry_id, s.customer_id FROM subscription_grants g JOIN subscriptions s ON s.seq = g.subscription_seq')
    .iterate() as IterableIterator<GrantRow>;
  for (const row of grants) {
    ctx.count('subscription_grants');
    const amount = new Decimal(row.amount);
    check('subscription_grants', row.id, row.entry_id, 'subscription_grant', [
      { account: customerAccount(ctx, row.customer_id, row.asset), bucket: 'available', amount },
      { account: ctx.platformAccount('entitlements', row.asset), bucket: 'available', amount: amount.neg() },
    ]);
  }
  reportOrphans(ctx, entries, 'subscriptions', 'a subscription charge or grant');
}
