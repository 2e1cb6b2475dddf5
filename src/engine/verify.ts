import { Decimal, decimalText } from '../money/decimal.js';
import { accountId, allAccounts, BUCKETS, type Bucket } from './accounts.js';
import type { Store } from './store.js';
import type { Violation } from './types.js';
import { verifyFees } from './verify-fees.js';
import { verifyHoldsAndGrants } from './verify-ledger.js';
import { verifyJsonDepth } from './verify-depth.js';

interface PostingRow {
  entry_id: number;
  account_seq: number;
  bucket: Bucket;
  amount: string;
}

function add(map: Map<string, Decimal>, key: string, amount: Decimal): void {
  map.set(key, (map.get(key) ?? new Decimal(0)).add(amount));
}

/**
 * Checks the ledger's invariants from scratch and lists every violation (none is healthy):
 * per-asset conservation, balanced entries, materialised balances equal to the replayed
 * journal, pending_in equal to open top-ups, gapless entry ids, and fees equal to what
 * their entries took.
 */
export function verifyLedger(store: Store): Violation[] {
  const violations: Violation[] = [];
  const accounts = new Map(allAccounts(store).map((a) => [a.seq, a]));
  const byAsset = new Map<string, Decimal>();
  const byEntry = new Map<string, Decimal>();
  const replayed = new Map<string, Decimal>();
  const postings = store.db
    .prepare('SELECT entry_id, account_seq, bucket, amount FROM journal_postings ORDER BY id')
    .iterate() as IterableIterator<PostingRow>;
  for (const p of postings) {
    const asset = accounts.get(p.account_seq)?.asset ?? '?';
    const amount = new Decimal(p.amount);
    add(byAsset, asset, amount);
    add(byEntry, `${p.entry_id} ${asset}`, amount);
    add(replayed, `${p.account_seq} ${p.bucket}`, amount);
  }
  for (const [asset, sum] of byAsset) {
    if (!sum.isZero()) violations.push({ invariant: 'conservation', detail: `${asset} postings sum to ${decimalText(sum)}` });
  }
  for (const [key, sum] of byEntry) {
    if (!sum.isZero()) {
      const [entry, asset] = key.split(' ');
      violations.push({ invariant: 'entry_balance', detail: `entry ${entry}: ${asset} postings sum to ${decimalText(sum)}` });
    }
  }
  const openTopUps = new Map<string, Decimal>();
  const open = store.db
    .prepare("SELECT account_seq, quantity FROM top_ups WHERE status = 'initiated'")
    .all() as { account_seq: number; quantity: string }[];
  for (const t of open) add(openTopUps, String(t.account_seq), new Decimal(t.quantity));

  for (const account of accounts.values()) {
    const owner = account.customer_id ?? 'platform';
    for (const bucket of BUCKETS) {
      const stored = new Decimal(account[bucket]);
      const replay = replayed.get(`${account.seq} ${bucket}`) ?? new Decimal(0);
      if (!stored.eq(replay)) {
        violations.push({
          invariant: 'replay',
          detail: `${owner} ${accountId(account)} ${bucket} is ${account[bucket]} but the journal gives ${decimalText(replay)}`,
        });
      }
    }
    const pending = openTopUps.get(String(account.seq)) ?? new Decimal(0);
    if (account.customer_id !== null && !pending.eq(new Decimal(account.pending_in))) {
      violations.push({
        invariant: 'pending_in',
        detail: `${owner} ${accountId(account)} pending_in is ${account.pending_in} but open top-ups sum to ${decimalText(pending)}`,
      });
    }
  }
  const ids = store.db.prepare('SELECT count(*) AS n, ifnull(max(id), 0) AS m FROM journal_entries').get() as {
    n: number;
    m: number;
  };
  if (ids.n !== ids.m) violations.push({ invariant: 'gapless', detail: `${ids.n} journal entries but the last id is ${ids.m}` });
  violations.push(...verifyFees(store));
  violations.push(...verifyHoldsAndGrants(store));
  violations.push(...verifyJsonDepth(store));
  return violations;
}
