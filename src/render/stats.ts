import type { Stats, StatsAmount, StatsMargin } from '../client/types.js';
import type { Column } from './column.js';

/** One line of a stats table: a sum of one kind in one currency, for a period or in total. */
export interface StatsRow {
  period: string;
  kind: 'revenue' | 'cost' | 'margin';
  currency: string;
  amount: unknown;
  events: unknown;
}

function rowsOf(period: string, part: Pick<Stats, 'revenue' | 'costs' | 'margin'>): StatsRow[] {
  const sums = (kind: 'revenue' | 'cost', list: StatsAmount[] | undefined) =>
    (list ?? []).map((s): StatsRow => ({ period, kind, currency: s.currency, amount: s.amount, events: s.events ?? '' }));
  const margins = (part.margin ?? []).map((m: StatsMargin): StatsRow => ({ period, kind: 'margin', currency: m.currency, amount: m.margin, events: '' }));
  return [...sums('revenue', part.revenue), ...sums('cost', part.costs), ...margins];
}

/** Each period's lines (with `?interval=`), then the totals of the whole range, marked `total`. */
export function statsRows(stats: Stats): StatsRow[] {
  const periods = (stats.periods ?? []).flatMap((p) => rowsOf(p.period, p));
  return [...periods, ...rowsOf('total', stats)];
}

export const statsColumns: Column<StatsRow>[] = [
  { header: 'PERIOD', value: (r) => r.period },
  { header: 'KIND', value: (r) => r.kind },
  { header: 'CURRENCY', value: (r) => r.currency },
  // Exact as served: stats mix assets of different precisions in one column.
  { header: 'AMOUNT', value: (r) => r.amount, precision: () => undefined },
  { header: 'EVENTS', value: (r) => r.events },
];
