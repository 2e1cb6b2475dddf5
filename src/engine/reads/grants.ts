import { findAsset } from '../assets/asset-registry.js';
import { requireCustomer } from '../customers/customers.js';
import { findAccount, parseAccountId } from '../ledger/accounts.js';
import { grantView, syncGrants, type GrantRow } from '../ledger/grants.js';
import type { GrantView } from '../ledger/ledger-types.js';
import { notFound } from '../request/errors.js';
import { pageOf, readPage, type Query } from '../request/paging.js';
import type { Store } from '../store/store.js';
import type { PageView } from '../types.js';
import { renewDueOf } from '../subscriptions/renewals.js';

/** `GET /customers/{id}/wallet/{accountId}/grants`: newest first, paged. */
export function listGrants(store: Store, customerId: string, id: string, query?: Query): PageView<GrantView> {
  requireCustomer(store, customerId);
  const page = readPage(query);
  const parsed = parseAccountId(id);
  const asset = parsed && findAsset(store, parsed.asset);
  const account = parsed && asset && findAccount(store, customerId, parsed.name, asset.code);
  if (!account) throw notFound('account', `${id} of customer ${customerId}`);
  renewDueOf(store, customerId, store.clock());
  syncGrants(store, account.seq);
  const total = (store.stmt('SELECT count(*) AS n FROM grants WHERE account_seq = ?').get(account.seq) as { n: number }).n;
  const rows = store
    .stmt(
      `SELECT g.*, a.name, a.asset, a.customer_id FROM grants g JOIN accounts a ON a.seq = g.account_seq
       WHERE g.account_seq = ? ORDER BY g.seq DESC LIMIT ? OFFSET ?`,
    )
    .all(account.seq, page.limit, page.offset) as (GrantRow & { name: string; asset: string; customer_id: string })[];
  return pageOf(rows.map(grantView), total, page);
}
