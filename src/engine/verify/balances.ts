import { Decimal, decimalText } from '../../money/decimal.js';
import { accountId, BUCKETS, type Bucket } from '../ledger/accounts.js';
import type { VerifyContext } from './context.js';

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
 * Per-asset conservation, balanced entries, materialised balances equal to the replayed
 * journal, pending_in equal to open top-ups, and gapless entry ids.
 */
export function verifyBalances(ctx: VerifyContext): void {
  const { store, accounts } = ctx;
  const byAsset = new Map<string, Decimal>();
  const byEntry = new Map<string, Decimal>();
  const replayed = new Map<string, Decimal>();
  const postings = store.db
    .prepare('SELECT entry_id, account_seq, bucket, amount FROM journal_postings ORDER BY id')
    .iterate() as IterableIterator<PostingRow>;
  let count = 0;
  for (const p of postings) {
    count++;
    const asset = accounts.get(p.account_seq)?.asset ?? '?';
    const amount = new Decimal(p.amount);
    add(byAsset, asset, amount);
    add(byEntry, `${p.entry_id} ${asset}`, amount);
    add(replayed, `${p.account_seq} ${p.bucket}`, amount);
  }
  ctx.count('accounts', accounts.size);
  ctx.count('journal_postings', count);
  for (const [asset, sum] of byAsset) {
    if (!sum.isZero()) ctx.fail('conservation', undefined, undefined, `${asset} postings sum to ${decimalText(sum)}`);
  }
  for (const [key, sum] of byEntry) {
    if (!sum.isZero()) {
      const [entry, asset] = key.split(' ');
      ctx.fail('entry_balance', 'journal_entries', entry, `entry ${entry}: ${asset} postings sum to ${decimalText(sum)}`);
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
        ctx.fail('replay', 'accounts', account.seq, `${owner} ${accountId(account)} ${bucket} is ${account[bucket]} but the journal gives ${decimalText(replay)}`);
      }
    }
    const pending = openTopUps.get(String(account.seq)) ?? new Decimal(0);
    if (account.customer_id !== null && !pending.eq(new Decimal(account.pending_in))) {
      ctx.fail('pending_in', 'accounts', account.seq, `${owner} ${accountId(account)} pending_in is ${account.pending_in} but open top-ups sum to ${decimalText(pending)}`);
    }
  }
  const ids = store.db.prepare('SELECT count(*) AS n, ifnull(max(id), 0) AS m FROM journal_entries').get() as { n: number; m: number };
  ctx.count('journal_entries', ids.n);
  if (ids.n !== ids.m) ctx.fail('gapless', undefined, undefined, `${ids.n} journal entries but the last id is ${ids.m}`);
}
