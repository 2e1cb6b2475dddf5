import type { ConnectedAccount } from '../client/types.js';
import type { Column } from './column.js';

/** Columns of `accounts list` and `accounts get`; `-o json` prints the API's record as served. */
export const accountColumns: Column<ConnectedAccount>[] = [
  { header: 'ID', value: (a) => a.id },
  { header: 'NAME', value: (a) => a.name },
  { header: 'EXTERNAL ID', value: (a) => a.external_id },
  { header: 'CREATED AT', value: (a) => a.created_at },
];
