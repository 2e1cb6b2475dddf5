import { randomUUID } from 'node:crypto';
import type { Folder, Step } from './credyt-collection.js';

/**
 * The collection's Credyt for Platforms requests (`Features/C4P/Accounts/*`), `Features/Get
 * account context` and `Features/Webhooks/List Webhook Destinations`, in the collection's
 * order, written as data like the rest (credyt-collection.ts). The account's external id
 * is fresh per run, as the collection's pre-request script makes it.
 */
export function accountsFolder(): Folder {
  const externalId = randomUUID().replace(/-/g, '');
  const steps: Step[] = [
    { name: 'Features/Get account context', method: 'GET', path: () => '/accounts/self' },
    {
      name: 'Features/C4P/Accounts/Create Account',
      method: 'POST',
      path: () => '/accounts',
      body: () => ({ name: `Bingo Lingo ${externalId.slice(0, 6)}`, external_id: externalId, metadata: { config_id: randomUUID() } }),
      keep: (r, v) => {
        v.connectedAccountId = r.id;
        v.connectedAccountExternalId = externalId;
      },
    },
    { name: 'Features/C4P/Accounts/List Accounts', method: 'GET', path: () => '/accounts?limit=5&offset=0' },
    {
      name: 'Features/C4P/Accounts/Get Account Details',
      method: 'GET',
      path: (v) => `/accounts/${v.connectedAccountId}`,
      keep: (r, v) => {
        v.connectedAccountExternalId = r.external_id;
      },
    },
    { name: 'Features/C4P/Accounts/Get Account by External ID', method: 'GET', path: (v) => `/accounts?external_id=${v.connectedAccountExternalId}` },
    { name: 'Features/Webhooks/List Webhook Destinations', method: 'GET', path: () => '/webhooks' },
  ];
  return { name: 'Features/C4P', steps, wallet: {} };
}
