import type { Grant, WalletTransaction } from '../../client/ledger-types.js';
import type { Column } from '../../render/records.js';

type Precision = (asset: string) => number | undefined;

/** A wallet statement line: each `balance` is the previous line's plus this `amount`. */
export function transactionColumns(precision: Precision): Column<WalletTransaction>[] {
  return [
    { header: 'DATE', field: 'created_at', value: (t) => t.created_at },
    { header: 'TYPE', value: (t) => t.type },
    { header: 'ACCOUNT', field: 'account_id', value: (t) => t.account_id },
    { header: 'REFERENCE', value: (t) => t.reference },
    { header: 'AMOUNT', value: (t) => t.amount, precision: (t) => precision(t.asset) },
    { header: 'BALANCE', value: (t) => t.balance, precision: (t) => precision(t.asset) },
    { header: 'PENDING IN', value: (t) => t.pending_in, precision: (t) => precision(t.asset) },
    { header: 'PENDING OUT', value: (t) => t.pending_out, precision: (t) => precision(t.asset) },
    { header: 'ENTRY', field: 'entry_id', value: (t) => t.entry_id },
  ];
}

export function grantColumns(precision: Precision): Column<Grant>[] {
  return [
    { header: 'GRANT', field: 'id', value: (g) => g.id },
    { header: 'PURPOSE', value: (g) => g.purpose },
    { header: 'AMOUNT', value: (g) => g.amount, precision: (g) => precision(g.asset) },
    { header: 'REMAINING', value: (g) => g.remaining, precision: (g) => precision(g.asset) },
    { header: 'EXPIRED', field: 'expired_amount', value: (g) => g.expired_amount ?? '', precision: (g) => precision(g.asset) },
    { header: 'EFFECTIVE AT', value: (g) => g.effective_at },
    { header: 'EXPIRES AT', value: (g) => g.expires_at ?? '' },
    { header: 'EXPIRED AT', value: (g) => g.expired_at ?? '' },
    { header: 'SOURCE', value: (g) => `${g.source.type} ${g.source.id}` },
  ];
}
