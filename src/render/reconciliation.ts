import type { Adjustment, TopUp } from '../client/types.js';
import type { Column } from './column.js';

/** A top-up as a row of `top-ups list` (the checkout link is in `top-ups get` and the JSON). */
export function topUpListColumns(precision: (asset: string) => number | undefined): Column<TopUp>[] {
  const assetOf = (t: TopUp) => t.destination?.asset ?? '';
  return [
    { header: 'ID', value: (t) => t.id },
    { header: 'STATUS', value: (t) => t.status },
    { header: 'CUSTOMER', field: 'customer_id', value: (t) => t.customer_id },
    { header: 'AMOUNT', value: (t) => t.amount, precision: (t) => precision(t.currency ?? '') },
    { header: 'CURRENCY', value: (t) => t.currency },
    { header: 'QUANTITY', value: (t) => t.quantity, precision: (t) => precision(assetOf(t)) },
    { header: 'ASSET', value: assetOf },
    { header: 'CREATED AT', value: (t) => t.created_at },
  ];
}

/** An adjustment as a row of `adjustments list`. */
export function adjustmentListColumns(precision: (asset: string) => number | undefined): Column<Adjustment>[] {
  return [
    { header: 'TRANSACTION ID', value: (a) => a.transaction_id ?? a.id },
    { header: 'CUSTOMER', field: 'customer_id', value: (a) => a.customer_id },
    { header: 'ACCOUNT', field: 'account_id', value: (a) => a.account_id },
    { header: 'AMOUNT', value: (a) => a.amount, precision: (a) => precision(a.asset ?? '') },
    { header: 'ASSET', value: (a) => a.asset },
    { header: 'REASON', value: (a) => a.reason },
    { header: 'CREATED AT', value: (a) => a.created_at },
  ];
}
