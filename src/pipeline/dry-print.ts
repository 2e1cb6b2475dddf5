import { createRequire } from 'node:module';
import type TableType from 'cli-table3';
import type { IOStreams } from '../io/streams.js';
import type { DryPlan } from './dry-plan.js';

const require = createRequire(import.meta.url);
/** Customers listed on stderr; `-o json` lists them all. */
const MAX_CUSTOMERS = 20;

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The plan on stderr: counts, then totals per asset and per customer; a table on a
 * terminal, tab-separated rows (`asset`/`customer` first) when piped.
 */
export function printDryPlan(io: IOStreams, plan: DryPlan, noun: string, amounts: string, source: string): void {
  const err = io.stderr;
  if (plan.lines === 0) {
    err.write(`Dry run: no ${noun} in ${source}; nothing was written.\n`);
    return;
  }
  const unbilled = plan.unbilled > 0 ? `, ${n(plan.unbilled)} unbilled` : '';
  const unchecked = plan.unchecked > 0 ? `, ${n(plan.unchecked)} not fully checked` : '';
  err.write(`Dry run: ${n(plan.lines)} lines: ${n(plan.wouldApply)} would apply, ${n(plan.failed)} would fail${unbilled}${unchecked}; nothing was written.\n`);
  const assetRows = plan.assets.list().map((a) => [a.asset, a.amount.toFixed()]);
  const customers = [...plan.customers];
  const customerRows = customers
    .slice(0, MAX_CUSTOMERS)
    .flatMap(([customer, c]) => {
      const sums = c.sums.list();
      return sums.length === 0 ? [[customer, '', '', n(c.lines)]] : sums.map((s) => [customer, s.asset, s.amount.toFixed(), n(c.lines)]);
    });
  if (io.stderrIsTTY) {
    const Table = require('cli-table3') as typeof TableType;
    const right = { hAlign: 'right' as const };
    const totals = new Table({ head: ['asset', `${amounts} (total)`], style: { head: [], border: [] } });
    for (const [asset, amount] of assetRows) totals.push([asset!, { content: amount!, ...right }]);
    if (assetRows.length > 0) err.write(totals.toString() + '\n');
    const perCustomer = new Table({ head: ['customer', 'asset', amounts, 'lines'], style: { head: [], border: [] } });
    for (const [customer, asset, amount, lines] of customerRows) perCustomer.push([customer!, asset!, { content: amount!, ...right }, { content: lines!, ...right }]);
    if (customerRows.length > 0) err.write(perCustomer.toString() + '\n');
  } else {
    for (const row of assetRows) err.write(['asset', ...row].join('\t') + '\n');
    for (const row of customerRows) err.write(['customer', ...row].join('\t') + '\n');
  }
  if (customers.length > MAX_CUSTOMERS) err.write(`… and ${n(customers.length - MAX_CUSTOMERS)} more customers (-o json lists them all)\n`);
}
