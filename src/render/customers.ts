import type { Customer, WalletAccount } from '../client/types.js';
import type { Column } from './column.js';

export const customerColumns: Column<Customer>[] = [
  { header: 'ID', value: (c) => c.id },
  { header: 'NAME', value: (c) => c.name },
  { header: 'EXTERNAL ID', value: (c) => c.external_id },
  { header: 'EMAIL', value: (c) => c.email },
  { header: 'CREATED AT', value: (c) => c.created_at },
];

export function accountColumns(precision: (asset: string) => number | undefined): Column<WalletAccount>[] {
  const at = (a: WalletAccount) => precision(a.asset);
  return [
    { header: 'ACCOUNT', field: 'id', value: (a) => a.id },
    { header: 'ASSET', value: (a) => a.asset },
    { header: 'AVAILABLE', value: (a) => a.available, precision: at },
    { header: 'PENDING IN', value: (a) => a.pending_in, precision: at },
    { header: 'PENDING OUT', value: (a) => a.pending_out, precision: at },
  ];
}
