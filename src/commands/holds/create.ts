import { randomUUID } from 'node:crypto';
import { InvalidArgumentError, type Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { Decimal } from '../../money/decimal.js';
import { UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { isoTimeArg, positiveDecimalArg, uuidArg } from '../parse.js';
import { printHold } from './print.js';
import { answeredRecord } from '../answered.js';

export interface HoldsCreateOptions {
  expiresIn?: number;
  expiresAt?: string;
  holdId?: string;
  accountName?: string;
  description?: string;
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `15m`, `2h`, `7d` → milliseconds. */
export function durationArg(value: string): number {
  const match = /^(\d{1,9})([smhd])$/.exec(value.trim());
  if (!match || Number(match[1]) === 0) {
    throw new InvalidArgumentError(`"${value}" is not a duration such as 90s, 15m, 2h or 7d.`);
  }
  return Number(match[1]) * (UNITS[match[2]!] as number);
}

export function registerHoldsCreate(parent: Command, ctx: Context): void {
  parent
    .command('create')
    .summary('Reserve an amount of a wallet account (pending_out) until captured, voided or expired (local engine)')
    .argument('<customer>', 'Credyt id (cust_…) or your external id')
    .argument('<amount>', 'amount to reserve, in ASSET', positiveDecimalArg)
    .argument('<asset>', 'asset of the account, e.g. USD or TOK')
    .option('--expires-in <duration>', 'the hold lapses after this long: 90s, 15m, 2h, 7d', durationArg)
    .option('--expires-at <iso>', 'the hold lapses at this time', isoTimeArg)
    .option('--hold-id <uuid>', 'idempotency key (default: a new UUID); the same id again changes nothing', uuidArg)
    .option('--account-name <name>', 'account name (default: default)')
    .option('--description <text>', 'what the hold is for')
    .addHelpText(
      'after',
      `
A hold never reserves more than available − pending_out (exit 5, insufficient_funds).
Holds are a local-engine extension of the API (credyt-api §6.7).

Examples:
  credyt holds create acme 25 USD --expires-in 15m
  credyt holds create acme 1000 TOK --hold-id 9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a11 -o json`,
    )
    .action(action(ctx, runHoldsCreate));
}

export async function runHoldsCreate(rt: Runtime, opts: HoldsCreateOptions, ref: string, amount: Decimal, asset: string): Promise<void> {
  if (opts.expiresIn !== undefined && opts.expiresAt !== undefined) throw new UsageError('Give --expires-in or --expires-at, not both.');
  const expiresAt =
    opts.expiresAt ?? (opts.expiresIn !== undefined ? new Date(rt.ctx.now().getTime() + opts.expiresIn).toISOString() : undefined);
  const client = await rt.client();
  const customerId = await client.resolveCustomer(ref);
  const holdId = opts.holdId ?? randomUUID();
  const hold = await client.createHold(customerId, {
    hold_id: holdId,
    asset,
    amount,
    account_name: opts.accountName,
    expires_at: expiresAt,
    description: opts.description,
  });
  if (!answeredRecord(rt, hold, `the hold; hold ${holdId} was placed`)) return;
  rt.note(`Held ${amount.toFixed()} ${hold.asset} of ${ref} (hold ${hold.id})`);
  await printHold(rt, client, hold);
}
