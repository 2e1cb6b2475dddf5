import type { VerifyContext } from './context.js';

interface Row {
  seq: number;
  id: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  delivered_at: string | null;
  recorded: number;
  last_code: number | null;
}

/**
 * Webhook deliveries (docs/webhooks.md): each one's attempt count is its recorded attempts;
 * a pending one has a next attempt, a delivered one a delivery time and a 2xx last attempt,
 * and only a delivered one has a delivery time. Webhook rows move no money: the ledger's
 * checks do not look at them.
 */
export function verifyWebhooks(ctx: VerifyContext): void {
  ctx.count('webhook_deliveries', 0);
  const rows = ctx.store.db
    .prepare(
      `SELECT d.seq, d.id, d.status, d.attempts, d.next_attempt_at, d.delivered_at,
         (SELECT count(*) FROM webhook_attempts a WHERE a.delivery_seq = d.seq) AS recorded,
         (SELECT status_code FROM webhook_attempts a WHERE a.delivery_seq = d.seq ORDER BY a.seq DESC LIMIT 1) AS last_code
       FROM webhook_deliveries d ORDER BY d.seq`,
    )
    .iterate() as IterableIterator<Row>;
  for (const row of rows) {
    ctx.count('webhook_deliveries');
    const fail = (detail: string) => ctx.fail('webhooks', 'webhook_deliveries', row.id, detail);
    if (row.attempts !== row.recorded) fail(`counts ${row.attempts} attempts but ${row.recorded} are recorded`);
    if (row.status === 'pending' && row.next_attempt_at === null) fail('is pending with no next attempt');
    if ((row.status === 'delivered') !== (row.delivered_at !== null)) fail(`is ${row.status} with delivered_at ${row.delivered_at ?? 'null'}`);
    if (row.status === 'delivered' && (row.last_code === null || row.last_code < 200 || row.last_code > 299)) {
      fail(`is delivered but its last attempt answered ${row.last_code ?? 'nothing'}`);
    }
  }
}
