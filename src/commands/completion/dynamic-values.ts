import { existsSync } from 'node:fs';
import type { Runtime } from '../../runtime.js';
import type { DynamicKind } from '../../completion/dynamic.js';
import { CredytClient } from '../../client/client.js';
import type { Asset, ConnectedAccount, Page } from '../../client/types.js';
import { listAccounts } from '../../client/accounts.js';

/** How long Tab may wait for the API: a slow server must not freeze the shell. */
export const COMPLETION_TIMEOUT_MS = 2000;

/**
 * `credyt __complete profiles|assets|accounts`: values for the completion scripts, one per line.
 * Never prompts, never warns, and prints nothing rather than an error: a failed lookup
 * simply completes nothing.
 */
export async function completeValues(rt: Runtime, kind: DynamicKind): Promise<void> {
  rt.silent = true;
  try {
    const values =
      kind === 'profiles' ? rt.profiles().list().map((p) => p.name) : kind === 'assets' ? await assetCodes(rt) : await accountIds(rt);
    if (values.length > 0) rt.io.stdout.write(values.join('\n') + '\n');
  } catch {
    // Nothing to offer.
  }
}

async function assetCodes(rt: Runtime): Promise<string[]> {
  const client = await completionClient(rt);
  if (!client) return [];
  const page = await withinDeadline(client.listAssets({ limit: 100 }));
  return (page as Page<Asset>).items.map((a) => a.code);
}

/** Connected account ids: the platform's list, whichever account is selected. */
async function accountIds(rt: Runtime): Promise<string[]> {
  const client = await completionClient(rt);
  if (!client) return [];
  const page = await withinDeadline(listAccounts(client, { limit: 100 }));
  return (page as Page<ConnectedAccount>).items.map((a) => a.id);
}

/** A client for Tab: short timeout, no retries, no database created; undefined: nothing to ask. */
async function completionClient(rt: Runtime): Promise<CredytClient | undefined> {
  const target = rt.target();
  let client: CredytClient;
  if (target.kind === 'http') {
    if (!target.apiKey) return undefined;
    const transport = rt.httpTransport({ baseUrl: target.baseUrl, apiKey: target.apiKey, timeoutMs: COMPLETION_TIMEOUT_MS, maxRetries: 0 });
    // Assets belong to an account: complete the selected one's, as the command will use them.
    client = new CredytClient({ transport, apiKey: target.apiKey, profileName: target.profile, account: rt.account()?.id });
  } else {
    // Tab must not create a database as a side effect.
    if (!existsSync(target.dbPath)) return undefined;
    client = await rt.client();
  }
  return client;
}

function withinDeadline<T>(work: Promise<T>): Promise<T> {
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), COMPLETION_TIMEOUT_MS).unref());
  return Promise.race([work, deadline]);
}
