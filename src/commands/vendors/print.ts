import type { Runtime } from '../../runtime.js';
import type { Stats, Vendor } from '../../client/types.js';
import { printListing, printRecord, printRecords, type Column, type ListedRows } from '../../render/records.js';
import { statsColumns, statsRows } from '../../render/stats.js';

const vendorColumns: Column<Vendor>[] = [
  { header: 'ID', value: (v) => v.id },
  { header: 'NAME', value: (v) => v.name ?? '' },
  { header: 'EXTERNAL ID', value: (v) => v.external_id ?? '' },
  { header: 'CREATED AT', value: (v) => v.created_at ?? '' },
];

export function printVendor(rt: Runtime, vendor: Vendor): void {
  printRecord(rt.output, { columns: vendorColumns, row: vendor, json: vendor, id: (v) => v.id });
}

export function printVendors(rt: Runtime, list: ListedRows<Vendor>): void {
  printListing(rt.output, list, { columns: vendorColumns, id: (v) => v.id, noun: 'vendors' });
}

/** Stats as one line per period, kind and currency, then the totals; `-o json` as served. */
export function printStats(rt: Runtime, stats: Stats): void {
  const rows = statsRows(stats);
  printRecords(rt.output, { columns: statsColumns, rows, json: stats, id: (r) => `${r.period} ${r.kind} ${r.currency}` });
}
