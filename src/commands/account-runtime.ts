import { Runtime } from '../runtime.js';
import type { CredytClient } from '../client/client.js';
import { selectedAccount } from './account-selection.js';

/**
 * The Runtime every verb gets: its client sends `X-CREDYT-ACCOUNT` when the run selected
 * a connected account (account-selection.ts). The selection is read, and a malformed id
 * refused, when the client is first asked for: before the run's first request, and
 * never for a verb that sends none (`profiles list`, `--help`).
 */
export class AccountRuntime extends Runtime {
  #scoped?: Promise<CredytClient>;

  override client(): Promise<CredytClient> {
    this.#scoped ??= this.#scopedClient();
    return this.#scoped;
  }

  async #scopedClient(): Promise<CredytClient> {
    const account = selectedAccount(this);
    const client = await super.client();
    return account ? client.withAccount(account.id, account.source) : client;
  }
}
