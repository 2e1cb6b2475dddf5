import { InvalidArgumentError, Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
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

/**
 * `--reason` with the embedded engine's values (completion offers them, --help lists them).
 * Any non-empty value parses: Credyt documents only external_topup, external_refund and
 * gift, and another server judges its own list, so only the embedded engine's list is
 * checked here (`checkReason`).
 */
export function reasonOption<T extends string>(choices: readonly T[]): Option {
  return new Option('--reason <reason>', 'why the balance changes').choices(choices).argParser((value: string) => {
    if (value.trim() === '') throw new InvalidArgumentError('the reason must not be empty.');
    return value;
  });
}

/**
 * A reason the embedded engine does not know is refused before anything is sent; against
 * an HTTP server (`open`) any reason goes, and the server's answer says whether it is valid.
 * @returns why the reason is refused, or undefined when it may be sent
 */
export function reasonProblem(reason: string, allowed: readonly string[], open: boolean): string | undefined {
  if (open || allowed.includes(reason)) return undefined;
  return `"${reason}" is not one of ${allowed.join(', ')} (the embedded engine's reasons; another server may accept others)`;
}

/** `reasonProblem` for `--reason`: a usage error (exit 2). */
export function checkReasonFlag(reason: string | undefined, allowed: readonly string[], open: boolean): void {
  const problem = reason === undefined ? undefined : reasonProblem(reason, allowed, open);
  if (problem) throw new UsageError(`--reason ${problem}.`);
}
