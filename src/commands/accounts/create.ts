import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { createAccount } from '../../client/accounts.js';
import { isAccountId } from '../../config/account-id.js';
import { UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { required } from '../ask.js';
import { keyValueArg } from '../parse.js';
import { printRecord } from '../../render/records.js';
import { accountColumns } from '../../render/accounts.js';

export interface AccountsCreateOptions {
  name?: string;
  externalId?: string;
  metadata?: Record<string, string>;
}

export function registerAccountsCreate(parent: Command, ctx: Context): void {
  parent
    .command('create')
    .summary('Create a connected account')
    .option('--name <name>', 'account name (asked for at a terminal when missing)')
    .option('--external-id <id>', 'your own id for the account (`accounts get` takes it)')
    .option('--metadata <key=value>', 'metadata entry (repeatable)', keyValueArg)
    .addHelpText(
      'after',
      `
Examples:
  credyt accounts create --name "Bingo Lingo" --external-id bingo
  credyt accounts create --name "Acme" --metadata plan=pro -q
  credyt --account "$(credyt accounts create --name Acme -q)" customers list`,
    )
    .action(action(ctx, runAccountsCreate));
}

export async function runAccountsCreate(rt: Runtime, opts: AccountsCreateOptions): Promise<void> {
  if (opts.externalId !== undefined && isAccountId(opts.externalId)) {
    // `accounts get` reads an acc_… argument as an id, so this external id could never be used.
    throw new UsageError(`--external-id ${opts.externalId} has the shape of a connected account id (acc_…); choose another.`);
  }
  const name = await rt.ask(opts.name, { flag: '--name <name>', message: 'Account name', validate: required });
  const client = await rt.client();
  const created = await createAccount(client, { name, external_id: opts.externalId, metadata: opts.metadata });
  if (!created || typeof created !== 'object' || typeof created.id !== 'string') {
    rt.warn(`the server answered without the account's id; find it with \`credyt accounts list\`${opts.externalId ? ` --external-id ${opts.externalId}` : ''}.`);
    return;
  }
  rt.note(`Created connected account ${created.id}`);
  // As served: Credyt answers {id} only (the local engine, the whole account), as for customers.
  printRecord(rt.output, { columns: accountColumns, row: created, json: created, id: (a) => a.id });
}
