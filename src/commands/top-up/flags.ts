import { Option, type Command } from 'commander';
import { isoTimeArg, keyValueArg, uuidArg } from '../parse.js';

/** Flags shared by `top-up` and `adjust`: where the credit goes and how it is recorded. */
export interface CreditFlags {
  transactionId?: string;
  expiresAt?: string;
  description?: string;
  metadata?: Record<string, string>;
  accountName?: string;
}

export function creditFlags(command: Command): Command {
  return command
    .option('--transaction-id <uuid>', 'idempotency key; repeating it never credits twice (default: a new UUID)', uuidArg)
    .option('--expires-at <iso>', 'when the credited value expires', isoTimeArg)
    .option('--description <text>', 'description stored with the transaction')
    .option('--metadata <key=value>', 'metadata entry (repeatable)', keyValueArg)
    .option('--account-name <name>', 'wallet account name (default "default")');
}

export const TOP_UP_REASONS = ['external_topup', 'gift', 'promotion'] as const;
export const ADJUST_REASONS = ['external_topup', 'external_refund', 'gift', 'promotion', 'charge', 'correction'] as const;

/** `--reason` with its fixed values (commander checks them; completion offers them). */
export function reasonOption<T extends string>(choices: readonly T[]): Option {
  return new Option('--reason <reason>', 'why the balance changes').choices(choices);
}
