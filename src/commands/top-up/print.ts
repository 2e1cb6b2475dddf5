import type { CredytClient } from '../../client/client.js';
import type { Runtime } from '../../runtime.js';
import { printRecord } from '../../render/records.js';
import { creditColumns, type Credit } from '../../render/top-ups.js';
import { tablePrecisions } from '../../render/precision.js';

export async function printCredit(rt: Runtime, client: CredytClient, credit: Credit): Promise<void> {
  const precision = await tablePrecisions(rt.output, client, [credit.asset]);
  printRecord(rt.output, { columns: creditColumns(precision(credit.asset)), row: credit, json: credit, id: (c) => c.transaction_id });
}
