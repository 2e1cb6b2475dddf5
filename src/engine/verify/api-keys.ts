import { entriesByReference, reportOrphans, type VerifyContext } from './context.js';

/**
 * API keys against the journal entries that record them (docs/ledger.md, "API keys"):
 * every key has its `api_key_created` entry and, once revoked, its `api_key_revoked`
 * entry (reference = the key's hash; the hash chain covers them), so a key added by hand
 * (an extra row in `api_keys`), or un-revoked, is named. No such entry is without its key.
 */
export function verifyApiKeys(ctx: VerifyContext): void {
  ctx.count('api_keys', 0);
  const entries = entriesByReference(ctx.store, ['api_key_created', 'api_key_revoked']);
  const rows = ctx.store.db.prepare('SELECT seq, key_hash, revoked_at FROM api_keys ORDER BY seq').iterate() as IterableIterator<{
    seq: number;
    key_hash: string;
    revoked_at: string | null;
  }>;
  for (const row of rows) {
    ctx.count('api_keys');
    const mine = entries.get(row.key_hash) ?? [];
    entries.delete(row.key_hash);
    const want = row.revoked_at === null ? ['api_key_created'] : ['api_key_created', 'api_key_revoked'];
    const have = mine.map((e) => e.kind);
    if (have.join() !== want.join()) {
      const state = row.revoked_at === null ? 'live' : 'revoked';
      ctx.fail('api_keys', 'api_keys', row.seq, `a ${state} key needs entries ${want.join(', ')} but the journal has ${have.join(', ') || 'none'}: it was not made (or revoked) by credyt`);
    }
    for (const e of mine) if (e.postings.length > 0) ctx.fail('api_keys', 'journal_entries', e.id, `entry ${e.id} (${e.kind}) moves money`);
  }
  reportOrphans(ctx, entries, 'api_keys', 'API key hash');
}
