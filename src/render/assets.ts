import type { Asset, Quote, Rate } from '../client/types.js';
import { plainText } from './cells.js';
import type { Column } from './column.js';

function rateText(rates: Rate[] | undefined): string {
  return (rates ?? []).map((r) => `${r.source}=${plainText(r.rate)}`).join(' ');
}

export const assetColumns: Column<Asset>[] = [
  { header: 'CODE', value: (a) => a.code },
  { header: 'NAME', value: (a) => a.name },
  { header: 'LABEL', value: (a) => a.label },
  { header: 'SYMBOL', value: (a) => a.symbol },
  { header: 'PRECISION', value: (a) => a.precision },
  { header: 'RATES', value: (a) => rateText(a.rates) },
  { header: 'SCHEDULED', field: 'scheduled_rates', value: (a) => rateText(a.scheduled_rates) },
];

export function rateColumns(): Column<Rate>[] {
  return [
    { header: 'SOURCE', value: (r) => r.source },
    { header: 'RATE', value: (r) => r.rate },
    { header: 'INVERSE RATE', value: (r) => r.inverse_rate },
    { header: 'EFFECTIVE AT', value: (r) => r.effective_at },
    { header: 'STATUS', value: (r) => r.status },
  ];
}

export function quoteColumns(precision: number | undefined): Column<Quote>[] {
  return [
    { header: 'ASSET', value: (q) => q.asset },
    { header: 'SOURCE', value: (q) => q.source },
    { header: 'AMOUNT', value: (q) => q.amount },
    { header: 'QUANTITY', value: (q) => q.quantity, precision: () => precision },
    { header: 'RATE', value: (q) => q.rate },
    { header: 'INVERSE RATE', value: (q) => q.inverse_rate },
    { header: 'QUOTED AT', value: (q) => q.quoted_at },
  ];
}
