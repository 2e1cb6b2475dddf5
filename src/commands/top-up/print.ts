import type { CredytClient } from '../../client/client.js';
import type { Runtime } from '../../runtime.js';
import { printRecord } from '../../render/records.js';
import { creditColumns, type Credit } from '../../render/top-ups.js';
import { tablePrecisions } from '../asset-precisions.js';
import { storedCredit, type SentCredit } from '../../services/credit/send.js';

export async function printCredit(rt: Runtime, client: CredytClient, credit: Credit): Promise<void> {
  const precision = await tablePrecisions(rt.output, client, [credit.asset]);
  printRecord(rt.output, { columns: creditColumns(precision(credit.asset)), row: credit, json: credit, id: (c) => c.transaction_id });
}

/**
 * The credit to print for what the API answered. A duplicate shows what was stored when
 * it was first applied (amount, account, rate), which is what the ledger holds, and not
 * what this request asked.
 */
export function sentCredit(sent: SentCredit, asked: Omit<Credit, 'adjustment' | 'status'>): Credit {
  const stored = sent.adjustment;
  // Credyt's adjustment `id` may be another UUID than the transaction_id sent (spec:
  // AdjustmentResponse), so the transaction column keeps the one sent unless the answer names it.
  const credit: Credit = { ...asked, transaction_id: stored.transaction_id || asked.transaction_id, status: sent.status, adjustment: stored };
  if (sent.status === 'accepted') return credit;
  const credited = storedCredit(stored, { asset: credit.asset, amount: credit.amount, exchangeRate: credit.exchange_rate });
  credit.asset = credited.asset;
  credit.amount = credited.amount;
  if (credited.exchangeRate !== undefined) credit.exchange_rate = credited.exchangeRate;
  if (stored.account_id) credit.account_id = stored.account_id;
  return credit;
}

/** Said whatever the output mode (stderr), since nothing moved although the command succeeded. */
export function alreadyApplied(rt: Runtime, credit: Credit, ref: string): void {
  if (rt.output.quiet) return;
  const when = credit.adjustment.created_at ? ` on ${credit.adjustment.created_at}` : '';
  rt.io.stderr.write(
    `Already applied: transaction ${credit.transaction_id} moved ${credit.amount.toFixed()} ${credit.asset} for ${ref}${when}; nothing moved now.\n`,
  );
}
