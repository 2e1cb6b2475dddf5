import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { Decimal } from '../../money/decimal.js';
import { UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { positiveDecimalArg } from '../parse.js';
import { checkReasonFlag, creditFlags, reasonOption, TOP_UP_REASONS, type CreditFlags } from './flags.js';
import type { CredytClient } from '../../client/client.js';
import { reservedMetadataKey } from '../../money/convert.js';
import { NothingToCredit, prepareCredit, type CreditSpec, type PreparedCredit } from '../../services/credit/request.js';
import { sendCredit } from '../../services/credit/send.js';
import { alreadyApplied, printCredit, sentCredit } from './print.js';
import { runCheckout, type CheckoutFlags } from './checkout.js';
import { confirmCredit, needsConfirmation } from './confirm.js';
import { bulkFlags, type BulkOptions } from '../../pipeline/flags.js';
import { batchFlag, bulkSending, checkBulkRun, creditOnly, type BatchFlags } from './bulk-run.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export interface TopUpOptions extends CreditFlags, CheckoutFlags, BulkOptions, BatchFlags {
  asset?: string;
  rate?: Decimal;
  reason: string;
  checkout?: boolean;
}

export function registerTopUp(program: Command, ctx: Context): void {
  const command = creditFlags(
    program
      .command('top-up')
      .summary(TOP_SUMMARIES['top-up'])
      .description(
        'Platform-initiated top-up: converts AMOUNT of CURRENCY into the destination asset at the active rate (or --rate) and credits it.\n\n' +
          'With --checkout it instead starts a payment top-up and prints its checkout URL.',
      )
      .argument('[customer]', 'Credyt id (cust_…) or your external id (not with --file)')
      .argument('[amount]', 'amount paid, in CURRENCY', positiveDecimalArg)
      .argument('[currency]', 'currency paid (USD, EUR…), or the asset itself to credit it directly')
      .option('--asset <code>', 'asset to credit (default: CURRENCY itself)')
      .option('--rate <units>', 'override: units of the asset per one unit of CURRENCY', positiveDecimalArg)
      .addOption(reasonOption(TOP_UP_REASONS).default('external_topup')),
  )
    .option('--checkout', 'start a payment top-up (POST /top-ups) and print its checkout URL')
    .option('--return-url <url>', 'with --checkout: where the customer returns after paying')
    .option('--failure-url <url>', 'with --checkout: where the customer goes if payment fails');
  batchFlag(bulkFlags(command, 'top-ups'))
    .addHelpText(
      'after',
      `
Examples:
  credyt top-up acme 14.566678 USD
  credyt top-up acme 9934.50234 USD --asset TOK
  credyt top-up acme 10 USD --asset TOK --rate 120000 --reason promotion
  credyt top-up acme 25 USD --checkout --return-url https://app.example/ok --failure-url https://app.example/failed
  credyt top-up --file top-ups.csv --rejects rejects.csv      # customer,amount,currency,asset,rate,…
  credyt top-up --file top-ups.csv --dry-run                  # the totals it would credit; writes nothing

With --file, each line is one top-up: CSV with a header, columns customer,amount,currency,
asset,rate,transaction_id,reason,description,expires_at (also account_name, metadata.<key>),
or NDJSON objects with those keys. A line without transaction_id gets one derived from the
line as written (not the converted amount), its occurrence number (the k-th identical line
is its own payment) and --id-namespace, so running the file again, even after a rate
change, never credits twice; a line applied before is reported duplicate. Each line is
converted at the rate in force when it is applied, exactly as one top-up would be.
--reason is the default for lines without one. Exit 9 when some lines failed.

--dry-run checks every line against the ledger (customer, asset, precision, and the same
quote the real run would take now) and prints the totals per asset and per customer and
every bad line with its number; nothing is written, no --yes needed. -o json: the plan as
one document; -o jsonl: would_apply or failed per line. Exit 9 when some lines would fail.
A line applied before counts as it would credit now (the real run says duplicate).

On a profile that is not the embedded engine, a summary is shown and confirmed first;
--yes skips the question (and is required where nobody can answer it).`,
    )
    .action(action(ctx, runTopUp));
}

export async function runTopUp(
  rt: Runtime,
  opts: TopUpOptions,
  ref?: string,
  amount?: Decimal,
  currencyArg?: string,
): Promise<void> {
  // Only the embedded engine's reasons are known; an HTTP server judges its own.
  const open = rt.target().kind === 'http';
  checkReasonFlag(opts.reason, TOP_UP_REASONS, open);
  if (opts.file !== undefined) {
    checkBulkRun(rt, opts, [ref, amount, currencyArg], ['--asset', opts.asset], ['--rate', opts.rate], ['--checkout', opts.checkout], ...creditOnly(opts));
    const { topUpKind } = await import('./bulk.js');
    const { batching, concurrency } = await bulkSending(rt, opts);
    if (opts.dryRun) {
      const [{ runDryRun }, { creditDryCheck }] = await Promise.all([import('../../pipeline/dry-run.js'), import('./dry-check.js')]);
      await runDryRun(rt, { ...opts, file: opts.file, concurrency }, topUpKind(opts.reason, open), creditDryCheck(concurrency));
      return;
    }
    const { runBulk } = await import('../../pipeline/run.js');
    await runBulk(rt, { ...opts, file: opts.file, concurrency }, topUpKind(opts.reason, open, batching));
    return;
  }
  checkBulkRun(rt, opts);
  if (ref === undefined || amount === undefined || currencyArg === undefined) {
    throw new UsageError('Give CUSTOMER AMOUNT CURRENCY, or --file with one top-up per line.');
  }
  const currency = currencyArg.toUpperCase();
  if (opts.checkout) return runCheckout(rt, opts, ref, amount, currency);
  if (opts.returnUrl || opts.failureUrl) throw new UsageError('--return-url and --failure-url go with --checkout.');
  const reserved = reservedMetadataKey(opts.metadata);
  if (reserved) throw new UsageError(`--metadata ${reserved} is set by top-up itself; use another key.`);
  if (needsConfirmation(rt)) rt.assertCanConfirm(`A top-up on profile "${rt.target().profile}"`);

  const client = await rt.client();
  const customerId = await client.resolveCustomer(ref);
  const transactionId = opts.transactionId ?? randomUUID();
  const { input, conversion } = await prepareTopUp(client, {
    transactionId,
    amount,
    currency,
    asset: opts.asset ?? currency,
    rate: opts.rate,
    reason: opts.reason,
    accountName: opts.accountName,
    description: opts.description,
    expiresAt: opts.expiresAt,
    metadata: opts.metadata,
  });
  const account = `${opts.accountName ?? 'default'}:${conversion.asset}`;
  const rate = conversion.source === 'same-asset' ? '' : ` at ${conversion.exchangeRate.toFixed()} ${conversion.asset} per ${currency}`;
  await confirmCredit(rt, client, {
    customer: ref,
    customerId,
    amount: `${amount.toFixed()} ${currency}`,
    asset: conversion.asset,
    effect: `credit ${conversion.quantity.toFixed()} ${conversion.asset} to ${account}${rate} (reason ${opts.reason})`,
    question: `Credit ${conversion.quantity.toFixed()} ${conversion.asset} to ${ref}?`,
  });
  const sent = await sendCredit(client, customerId, input, true);
  const credit = sentCredit(sent, {
    transaction_id: transactionId,
    customer_id: customerId,
    account_id: account,
    asset: conversion.asset,
    amount: conversion.quantity,
    reason: opts.reason,
    source_amount: amount,
    source_currency: currency,
    exchange_rate: conversion.exchangeRate,
  });
  if (credit.status === 'accepted') rt.note(`Credited ${credit.amount.toFixed()} ${credit.asset} to ${ref}`);
  else alreadyApplied(rt, credit, ref);
  await printCredit(rt, client, credit);
}

/** The credit of one top-up; a payment that buys nothing is a usage error (exit 2), named with its rate. */
async function prepareTopUp(client: CredytClient, spec: CreditSpec & { currency: string }): Promise<Required<PreparedCredit>> {
  try {
    return await prepareCredit(client, spec);
  } catch (error) {
    if (!(error instanceof NothingToCredit)) throw error;
    const { payment, conversion } = error;
    throw new UsageError(
      `${payment.amount.toFixed()} ${payment.currency} buys 0 ${conversion.asset} at ${conversion.exchangeRate.toFixed()} per ${payment.currency}; nothing to credit.`,
    );
  }
}
