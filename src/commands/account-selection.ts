import type { Runtime } from '../runtime.js';
import type { CredytClient } from '../client/client.js';
import { ApiError } from '../errors.js';
import { getAccount } from '../client/accounts.js';
import type { ConnectedAccountFields } from '../render/profiles.js';

/**
 * The run's client acting for the platform itself, whichever account is selected:
 * `whoami` and `auth status` describe the key's own account.
 */
export async function platformClient(rt: Runtime): Promise<CredytClient> {
  return (await rt.client()).withAccount(undefined);
}

/**
 * The selected account as `whoami` and `auth status` show it: its id, its name when
 * `GET /accounts/{id}` answers (an unknown id or a server without the route leaves it
 * null: the id and its source are still worth showing), and what selected it.
 */
export async function connectedAccountFields(rt: Runtime): Promise<ConnectedAccountFields> {
  const selected = rt.account();
  if (!selected) return { connected_account_id: null, connected_account_name: null, connected_account_source: null };
  let name: string | null = null;
  try {
    name = (await getAccount(await rt.client(), selected.id)).name ?? null;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
  return { connected_account_id: selected.id, connected_account_name: name, connected_account_source: selected.source };
}
