import type { Store } from '../store/store.js';
import type { Violation } from '../types.js';
import { verifyAdjustments } from './adjustments.js';
import { verifyApiKeys } from './api-keys.js';
import { verifyBalances } from './balances.js';
import { verifyChain } from './chain.js';
import { verifyEventIds } from './event-ids.js';
import { VerifyContext, type VerifyOptions } from './context.js';
import { verifyFees } from './fees.js';
import { verifyGrants } from './grants.js';
import { verifyHolds } from './holds.js';
import { verifyJournalKinds } from './journal.js';
import { verifyHoldsAndGrants } from './ledger.js';
import { verifyTopUps } from './top-ups.js';
import { verifyJsonDepth } from './depth.js';
import { verifyWebhooks } from './webhooks.js';
import { verifyUsageDays } from './usage-days.js';
import { verifySubscriptions } from './subscriptions.js';

/** What `credyt local verify` reports: rows checked per kind, and every violation found. */
export interface VerifyReport {
  checked: Record<string, number>;
  violations: Violation[];
}

export type Check = (ctx: VerifyContext) => void;

/**
 * The checks, one module each (docs/ledger.md, "Invariants and verify"): a new kind of
 * check is a new verify-*.ts module added to this list.
 */
export const CHECKS: readonly Check[] = [
  verifyBalances,
  verifyChain,
  verifyJournalKinds,
  verifyFees,
  verifyEventIds,
  verifyHoldsAndGrants,
  verifyAdjustments,
  verifyTopUps,
  verifyHolds,
  verifyGrants,
  verifyApiKeys,
  verifyWebhooks,
  verifyUsageDays,
  verifySubscriptions,
  verifyJsonDepth,
];

/**
 * Runs every check from scratch, in one read transaction: every check sees the same
 * snapshot, even while `local serve` writes to the file (WAL readers do not block it).
 */
export function verifyReport(store: Store, options: VerifyOptions = {}, checks: readonly Check[] = CHECKS): VerifyReport {
  const own = !store.db.inTransaction;
  if (own) store.db.exec('BEGIN');
  try {
    const ctx = new VerifyContext(store, options);
    for (const check of checks) check(ctx);
    return { checked: Object.fromEntries(ctx.checked), violations: ctx.violations };
  } finally {
    if (own) store.db.exec('COMMIT');
  }
}

/** Every violation (none is healthy), with SQLite's full integrity check. */
export function verifyLedger(store: Store): Violation[] {
  return verifyReport(store, { full: true }).violations;
}
