import type { CredytClient } from '../../client/client.js';
import type { Runtime } from '../../runtime.js';
import type { EventResult, UsageEvent } from '../../client/catalog-types.js';
import { printRecords } from '../../render/records.js';
import { feeColumns, feeRows } from '../../render/usage.js';
import { tablePrecisions } from '../asset-precisions.js';

/** Event results with one row per fee (a conflict's exit code is usage post's to give). */
export async function printFees(
  rt: Runtime,
  client: CredytClient,
  results: (EventResult | UsageEvent)[],
  sent: { id: string; event_type: string }[],
  json: unknown,
): Promise<void> {
  const rows = feeRows(results, sent);
  const assets = rows.flatMap((r) => (r.fee ? [r.fee.asset] : []));
  const precision = await tablePrecisions(rt.output, client, assets);
  printRecords(rt.output, {
    columns: feeColumns(precision, true),
    rows,
    json,
    id: (r) => r.event_id,
  });
}
