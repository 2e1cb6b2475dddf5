import type { Adjustment, TopUp } from '../client/types.js';
import type { Decimal } from '../money/decimal.js';
import type { Column } from './column.js';

/** What `credyt top-up` and `credyt adjust` print: the credit, and the API's adjustment. */
export interface Credit {
  transaction_id: string;
  customer_id: string;
  account_id: string;
  asset: string;
  amount: Decimal;
  reason: string;
  /** `accepted`: moved now; `duplicate`: the transaction was applied before, nothing moved. */
  status: 'accepted' | 'duplicate';
  source_amount?: Decimal;
  source_currency?: string;
  exchange_rate?: Decimal;
  adjustment: Adjustment;
}

export function creditColumns(precision: number | undefined): Column<Credit>[] {
  return [
    { header: 'TRANSACTION ID', value: (c) => c.transaction_id },
    { header: 'CUSTOMER', field: 'customer_id', value: (c) => c.customer_id },
    { header: 'ACCOUNT', field: 'account_id', value: (c) => c.account_id },
    { header: 'AMOUNT', value: (c) => c.amount, precision: () => precision },
    { header: 'ASSET', value: (c) => c.asset },
    { header: 'REASON', value: (c) => c.reason },
    { header: 'STATUS', value: (c) => c.status },
    { header: 'PAID', value: (c) => (c.source_amount ? `${c.source_amount.toFixed()} ${c.source_currency}` : '') },
    { header: 'RATE', field: 'exchange_rate', value: (c) => c.exchange_rate },
  ];
}

export const topUpColumns: Column<TopUp>[] = [
  { header: 'ID', value: (t) => t.id },
  { header: 'STATUS', value: (t) => t.status },
  { header: 'CUSTOMER', field: 'customer_id', value: (t) => t.customer_id },
  { header: 'AMOUNT', value: (t) => t.amount },
  { header: 'CURRENCY', value: (t) => t.currency },
  { header: 'ASSET', value: (t) => t.destination?.asset },
  { header: 'QUANTITY', value: (t) => t.quantity },
  { header: 'EXPIRES AT', value: (t) => t.expires_at },
  { header: 'REDIRECT URL', value: (t) => t.redirect_url },
];
