import { accountBySeq, accountView, customerAccounts, findAccount, parseAccountId, type AccountRow } from '../ledger/accounts.js';
import { findAsset } from '../assets/asset-registry.js';
import { requireCustomer } from '../customers/customers.js';
import { notFound } from '../request/errors.js';
import type { Store } from '../store/store.js';
import { grantsStale, syncGrantsForBalances } from '../ledger/grants.js';
import { customerDue, expireDueTopUps } from '../movements/top-up-expiry.js';
import { isoText } from '../request/time.js';
import type { AccountView, WalletView } from '../types.js';

/** `GET /customers/{id}/wallet`: every account in creation order; none is `{accounts: []}`. */
export function getWallet(store: Store, customerId: string): WalletView {
  const settled = store.read(() => settledAccounts(store, customerId));
  if (settled) return { accounts: settled.map(accountView) };
  // Something is due (a renewal, an expiry, a grant replay): the same checks again, writing.
  requireCustomer(store, customerId);
  expireDueTopUps(store, customerId);
  const accounts = customerAccounts(store, customerId);
  // Replaying grants moves a balance only when one expires: then the accounts are read again.
  if (accounts.map((a) => syncGrantsForBalances(store, a.seq)).includes(true)) return { accounts: customerAccounts(store, customerId).map(accountView) };
  return { accounts: accounts.map(accountView) };
}

/** `GET /customers/{id}/wallet/{name:ASSET}`; the asset part matches in any case. */
export function getAccount(store: Store, customerId: string, id: string): AccountView {
  const settled = store.read(() => settledAccount(store, customerId, id));
  if (settled) return accountView(settled);
  requireCustomer(store, customerId);
  const parsed = parseAccountId(id);
  const asset = parsed && findAsset(store, parsed.asset);
  expireDueTopUps(store, customerId);
  const found = parsed && asset && findAccount(store, customerId, parsed.name, asset.code);
  if (!found) throw notFound(`account`, `${id} of customer ${customerId}`);
  return accountView(syncGrantsForBalances(store, found.seq) ? accountBySeq(store, found.seq) : found);
}

/**
 * The customer's accounts when reading them writes nothing (no renewal or expiry due, every
 * account's grants in step), else undefined; 404 for an unknown customer. Reads only: most
 * wallet reads are this, and their statements share one read transaction (Store.read).
 */
function settledAccounts(store: Store, customerId: string): AccountRow[] | undefined {
  requireCustomer(store, customerId);
  const now = store.clock();
  if (customerDue(store, customerId, now)) return undefined;
  const accounts = customerAccounts(store, customerId);
  const nowText = isoText(now);
  return accounts.some((a) => grantsStale(store, a.seq, nowText)) ? undefined : accounts;
}

/** settledAccounts for one account: the account when reading it writes nothing; 404s alike. */
function settledAccount(store: Store, customerId: string, id: string): AccountRow | undefined {
  requireCustomer(store, customerId);
  const now = store.clock();
  if (customerDue(store, customerId, now)) return undefined;
  const parsed = parseAccountId(id);
  const asset = parsed && findAsset(store, parsed.asset);
  const found = parsed && asset && findAccount(store, customerId, parsed.name, asset.code);
  if (!found) throw notFound(`account`, `${id} of customer ${customerId}`);
  return grantsStale(store, found.seq, isoText(now)) ? undefined : found;
}
