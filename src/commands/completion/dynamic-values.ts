import { existsSync } from 'node:fs';
import type { Runtime } from '../../runtime.js';
import type { DynamicKind } from '../../completion/dynamic.js';
import { CredytClient } from '../../client/client.js';
import type { Asset, Page } from '../../client/types.js';
import { selectedAccount } from '../account-selection.js';

/** How long Tab may wait for the API: a slow server must not freeze the shell. */
export const COMPLETION_TIMEOUT_MS = 2000;

/**
 * `credyt __complete profiles|assets`: values for the completion scripts, one per line.
 * Never prompts, never warns, and prints nothing rather than an error: a failed lookup
 * simply completes nothing.
 */
export async function completeValues(rt: Runtime, kind: DynamicKind): Promise<void> {
  rt.silent = true;
  try {
    const values = kind === 'profiles' ? rt.profiles().list().map((p) => p.name) : await assetCodes(rt);
    if (values.length > 0) rt.io.stdout.write(values.join('\n') + '\n');
  } catch {
    // Nothing to offer.
  }
}

async function assetCodes(rt: Runtime): Promise<string[]> {
  const target = rt.target();
  let client: CredytClient;
  if (target.kind === 'http') {
    if (!target.apiKey) return [];
    const transport = rt.httpTransport({ baseUrl: target.baseUrl, apiKey: target.apiKey, timeoutMs: COMPLETION_TIMEOUT_MS, maxRetries: 0 });
    // Assets belong to an account: complete the selected one's, as the command will use them.
    client = new CredytClient({ transport, apiKey: target.apiKey, profileName: target.profile, account: selectedAccount(rt)?.id });
  } else {
    // Tab must not create a database as a side effect.
    if (!existsSync(target.dbPath)) return [];
    client = await rt.client();
  }
  const deadline = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), COMPLETION_TIMEOUT_MS).unref());
  const page = await Promise.race([client.listAssets({ limit: 100 }), deadline]);
  return (page as Page<Asset>).items.map((a) => a.code);
}
