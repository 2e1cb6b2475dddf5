import type { CredytClient } from '../../client/client.js';
import type { Hold } from '../../client/ledger-types.js';
import type { Runtime } from '../../runtime.js';
import { tablePrecisions } from '../asset-precisions.js';
import { printListing, printRecord, type Column, type ListedRows } from '../../render/records.js';

/** Hold columns; amounts at the asset's precision on a table. */
export function holdColumns(precision: (asset: string) => number | undefined): Column<Hold>[] {
  return [
    { header: 'HOLD ID', field: 'id', value: (h) => h.id },
    { header: 'ACCOUNT', field: 'account_id', value: (h) => h.account_id },
    { header: 'AMOUNT', value: (h) => h.amount, precision: (h) => precision(h.asset) },
    { header: 'STATUS', value: (h) => h.status },
    { header: 'CAPTURED', field: 'captured_amount', value: (h) => h.captured_amount ?? '', precision: (h) => precision(h.asset) },
    { header: 'EXPIRES AT', value: (h) => h.expires_at ?? '' },
    { header: 'CREATED AT', value: (h) => h.created_at },
    { header: 'RESOLVED AT', value: (h) => h.resolved_at ?? '' },
  ];
}

function precisions(rt: Runtime, client: CredytClient, holds: Hold[]) {
  return tablePrecisions(rt.output, client, holds.map((h) => h.asset));
}

export async function printHold(rt: Runtime, client: CredytClient, hold: Hold): Promise<void> {
  const columns = holdColumns(await precisions(rt, client, [hold]));
  printRecord(rt.output, { columns, row: hold, json: hold, id: (h) => h.id });
}

export async function printHolds(
  rt: Runtime,
  client: CredytClient,
  list: ListedRows<Hold>,
): Promise<void> {
  const columns = holdColumns(await precisions(rt, client, list.items));
  printListing(rt.output, list, { columns, id: (h) => h.id, noun: 'holds' });
}
