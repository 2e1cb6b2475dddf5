import type { CredytClient } from '../../client/client.js';
import type { Runtime } from '../../runtime.js';
import { printRecord } from '../../render/records.js';
import { creditColumns, type Credit } from '../../render/top-ups.js';
import { assetPrecisions } from '../../render/precision.js';

export async function printCredit(rt: Runtime, client: CredytClient, credit: Credit): Promise<void> {
  const precision =
    rt.output.mode === 'table' ? (await assetPrecisions(client, [credit.asset])).get(credit.asset.toUpperCase()) : undefined;
  printRecord(rt.output, { columns: creditColumns(precision), row: credit, json: credit, id: (c) => c.transaction_id });
}
