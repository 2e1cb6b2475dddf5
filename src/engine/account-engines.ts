import { existsSync } from 'node:fs';
import type { Engine } from './engine.js';
import { openEngine } from './open-engine.js';
import type { VerifyReport } from './verify/verify.js';

/** `credyt local verify` of one connected account's database. */
export interface AccountVerifyReport extends VerifyReport {
  account: string;
}

const isMemory = (path: string) => path === ':memory:' || path === '';

/**
 * Where a connected account's database lives: a folder beside the platform's file
 * (`ledger.db` → `ledger.db.accounts/acc_….db`); a platform in memory keeps its accounts
 * in memory too (docs/accounts.md).
 */
export function accountDbPath(platformPath: string, accountId: string): string {
  return isMemory(platformPath) ? ':memory:' : `${platformPath}.accounts/${accountId}.db`;
}

/**
 * The engines of a platform's connected accounts, each opened (and migrated) on first use
 * and kept open: the one place that turns an account id into the engine holding its data.
 * They run on the platform's clock, read through the platform engine at every call, so a
 * clock the platform changes is every account's clock.
 */
export class AccountEngines {
  private readonly open = new Map<string, Engine>();
  private closed = false;
  private readonly listeners: ((accountId: string, engine: Engine) => void)[] = [];

  constructor(readonly platform: Engine) {
    // One clock for the platform and its accounts: moving the platform's processes what
    // fell due in every account's database too (docs/accounts.md, "One clock").
    platform.subscriptions.clock.follow(() => this.written().map(({ accountId, engine }) => ({ account: accountId, clock: engine.subscriptions.clock })));
  }

  /** The account's engine, or undefined when the platform has no account of that id. */
  engineFor(accountId: string): Engine | undefined {
    const known = this.open.get(accountId);
    if (known) return known;
    if (this.closed || !this.platform.accounts.find(accountId)) return undefined;
    const { path, allowInsecureWebhooks } = this.platform.options;
    const engine = openEngine({
      path: accountDbPath(path, accountId),
      accountId,
      clock: () => this.platform.clock(),
      allowInsecureWebhooks,
      connectTopics: () => this.platform.webhooks.connectTopics(),
    });
    this.open.set(accountId, engine);
    for (const listener of this.listeners) listener(accountId, engine);
    return engine;
  }

  /** Called with each account's engine as it is opened (the delivery workers follow them). */
  onOpen(listener: (accountId: string, engine: Engine) => void): void {
    this.listeners.push(listener);
  }

  /** Every connected account's engine (opening those not yet open), oldest account first. */
  all(): { accountId: string; engine: Engine }[] {
    return this.platform.accounts.ids().flatMap((accountId) => {
      const engine = this.engineFor(accountId);
      return engine ? [{ accountId, engine }] : [];
    });
  }

  /**
   * The engines of the accounts that have data, oldest account first: those open, and those
   * with a file. An account no request has named yet has nothing to process or check, and
   * no file is made for it.
   */
  written(): { accountId: string; engine: Engine }[] {
    return this.platform.accounts.ids().flatMap((accountId) => {
      if (!this.hasData(accountId)) return [];
      const engine = this.engineFor(accountId);
      return engine ? [{ accountId, engine }] : [];
    });
  }

  private hasData(accountId: string): boolean {
    const path = accountDbPath(this.platform.options.path, accountId);
    return this.open.has(accountId) || (!isMemory(path) && existsSync(path));
  }

  /**
   * Every connected account's audit, oldest account first. An account whose database was
   * never written (no request named it yet) has nothing to audit and no file is made for it.
   */
  verifyReports(options: { full?: boolean } = {}): AccountVerifyReport[] {
    return this.platform.accounts.ids().map((account) => {
      const path = accountDbPath(this.platform.options.path, account);
      if (!this.open.has(account) && !isMemory(path) && !existsSync(path)) return { account, checked: {}, violations: [] };
      return { account, ...this.engineFor(account)!.verifyReport(options) };
    });
  }

  close(): void {
    this.closed = true;
    this.platform.subscriptions.clock.follow(() => []);
    for (const engine of this.open.values()) engine.close();
    this.open.clear();
  }
}
