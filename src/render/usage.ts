import type { Fee, UsageEvent } from '../client/catalog-types.js';
import type { Column } from './column.js';

/** One row per fee; an event without fees still gets a row, so none goes unseen. */
export interface FeeRow {
  event_id: string;
  event_type?: string;
  status?: string;
  fee?: Fee;
}

interface EventLike {
  id?: string;
  event_type?: string;
  status?: string;
  fees?: Fee[];
}

/** `sent` fills in what an answer leaves out (a simulation may not echo ids or types). */
export function feeRows(events: EventLike[], sent?: { id: string; event_type: string }[]): FeeRow[] {
  return events.flatMap((event, i) => {
    const base = {
      event_id: event.id ?? sent?.[i]?.id ?? '',
      event_type: event.event_type ?? sent?.[i]?.event_type,
      status: event.status,
    };
    const fees = event.fees ?? [];
    return fees.length === 0 ? [base] : fees.map((fee) => ({ ...base, fee }));
  });
}

export function feeColumns(precision: (asset: string) => number | undefined, withStatus: boolean): Column<FeeRow>[] {
  const columns: Column<FeeRow>[] = [
    { header: 'EVENT', value: (r) => r.event_id },
    { header: 'TYPE', value: (r) => r.event_type },
  ];
  if (withStatus) columns.push({ header: 'STATUS', value: (r) => r.status });
  return columns.concat([
    { header: 'PRODUCT', value: (r) => (r.fee?.product_code ? `${r.fee.product_code}@${r.fee.product_version ?? ''}` : '') },
    { header: 'PRICE', value: (r) => r.fee?.price_name },
    { header: 'ASSET', value: (r) => r.fee?.asset },
    { header: 'AMOUNT', value: (r) => r.fee?.amount, precision: (r) => (r.fee ? precision(r.fee.asset) : undefined) },
    { header: 'ACCOUNT', value: (r) => r.fee?.account_id },
  ]);
}

export const eventColumns: Column<UsageEvent>[] = [
  { header: 'ID', value: (e) => e.id },
  { header: 'CUSTOMER', field: 'customer_id', value: (e) => e.customer_id },
  { header: 'TYPE', field: 'event_type', value: (e) => e.event_type },
  { header: 'SUBJECT', value: (e) => e.subject },
  { header: 'OCCURRED AT', value: (e) => e.occurred_at },
  { header: 'FEES', value: (e) => (e.fees ?? []).map((f) => [f.amount, f.asset].filter((v) => v !== undefined && v !== null).join(' ')).join(' ') },
];

export interface TotalRow {
  asset: string;
  amount: unknown;
}

export function totalColumns(precision: (asset: string) => number | undefined): Column<TotalRow>[] {
  return [
    { header: 'ASSET', value: (t) => t.asset },
    { header: 'TOTAL', value: (t) => t.amount, precision: (t) => precision(t.asset) },
  ];
}
