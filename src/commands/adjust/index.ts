import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import type { Decimal } from '../../money/decimal.js';
import { UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { decimalArg } from '../parse.js';
import { ADJUST_REASONS, checkReasonFlag, creditFlags, reasonOption, type CreditFlags } from '../top-up/flags.js';
import { alreadyApplied, printCredit, sentCredit } from '../top-up/print.js';
import { prepareCredit, signNeeded } from '../../services/credit/request.js';
import { sendCredit } from '../../services/credit/send.js';
import { batchFlag, bulkSending, checkBulkRun, creditOnly, type BatchFlags } from '../top-up/bulk-run.js';
import { bulkFlags, type BulkOptions } from '../../pipeline/flags.js';
import { confirmCredit, needsConfirmation } from '../top-up/confirm.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export interface AdjustOptions extends CreditFlags, BulkOptions, BatchFlags {
  /** Required for one adjustment; with --file, the default for lines without one. */
  reason?: string;
}

export function registerAdjust(program: Command, ctx: Context): void {
  const command = creditFlags(
    program
      .command('adjust')
      .summary(TOP_SUMMARIES.adjust)
      .argument('[customer]', 'Credyt id (cust_…) or your external id (not with --file)')
      .argument('[amount]', 'signed amount in ASSET: positive credits, negative debits', decimalArg)
      .argument('[asset]', 'asset of the account, e.g. USD or TOK')
      .addOption(reasonOption(ADJUST_REASONS)),
  );
  batchFlag(bulkFlags(command, 'adjustments'))
    .addHelpText(
      'after',
      `
Reasons and signs: external_topup, gift, promotion credit (positive); external_refund, charge
debit (negative); correction goes either way. Credyt documents external_topup, external_refund
and gift; the others are local extensions. On a profile that is not the embedded engine any
--reason is sent as given and the server decides.

Examples:
  credyt adjust acme -5 USD --reason external_refund --description "Refund order 991"
  credyt adjust acme 1000 TOK --reason gift --expires-at 2027-01-01T00:00:00Z
  credyt adjust acme -0.25 USD --reason correction --transaction-id 9b2f8a4e-6a0d-4c8e-9f55-2c1d7e0b3a11
  credyt adjust --file refunds.csv --reason external_refund      # customer,amount,asset,…
  credyt adjust --file refunds.csv --reason external_refund --dry-run -o json

With --file, each line is one adjustment: CSV with a header, columns customer,amount,asset,
reason,transaction_id,description,expires_at,account_name (also metadata.<key>), or NDJSON
objects with those keys; --reason is the default for lines without one. A line without
transaction_id gets one derived from its content, its occurrence number (the k-th identical
line is its own adjustment) and --id-namespace, so running the file again never applies it
twice; a line applied before is reported duplicate. Exit 9 when some lines failed.

--dry-run checks every line against the ledger (customer, asset, precision) and prints the
totals per asset and per customer and every bad line with its number; nothing is written,
no --yes needed. -o json: the plan as one document; -o jsonl: would_apply or failed per
line. Exit 9 when some lines would fail.

On a profile that is not the embedded engine, a summary is shown and confirmed first;
--yes skips the question (and is required where nobody can answer it).`,
    )
    .action(action(ctx, runAdjust));
}

/** Checked before any request so a wrong sign never reaches the API. */
export function checkSign(reason: string, amount: Decimal): void {
  if (amount.isZero()) throw new UsageError('AMOUNT must not be zero.');
  const sign = signNeeded(reason, amount);
  if (sign) throw new UsageError(`--reason ${reason} needs a ${sign} AMOUNT (got ${amount.toFixed()}).`);
}

export async function runAdjust(rt: Runtime, opts: AdjustOptions, ref?: string, amount?: Decimal, assetArg?: string): Promise<void> {
  // Only the embedded engine's reasons are known; an HTTP server judges its own.
  const open = rt.target().kind === 'http';
  checkReasonFlag(opts.reason, ADJUST_REASONS, open);
  if (opts.file !== undefined) {
    checkBulkRun(rt, opts, [ref, amount, assetArg], ...creditOnly(opts));
    const { adjustKind } = await import('../top-up/bulk.js');
    const { batching, concurrency } = await bulkSending(rt, opts);
    if (opts.dryRun) {
      const [{ runDryRun }, { creditDryCheck }] = await Promise.all([import('../../pipeline/dry-run.js'), import('../top-up/dry-check.js')]);
      await runDryRun(rt, { ...opts, file: opts.file, concurrency }, adjustKind(opts.reason, open), creditDryCheck(concurrency));
      return;
    }
    const { runBulk } = await import('../../pipeline/run.js');
    await runBulk(rt, { ...opts, file: opts.file, concurrency }, adjustKind(opts.reason, open, batching));
    return;
  }
  checkBulkRun(rt, opts);
  if (ref === undefined || amount === undefined || assetArg === undefined) {
    throw new UsageError('Give CUSTOMER AMOUNT ASSET, or --file with one adjustment per line.');
  }
  if (!opts.reason) throw new UsageError('--reason is required.');
  const asset = assetArg;
  checkSign(opts.reason, amount);
  if (needsConfirmation(rt)) rt.assertCanConfirm(`An adjustment on profile "${rt.target().profile}"`);
  const client = await rt.client();
  const customerId = await client.resolveCustomer(ref);
  const account = `${opts.accountName ?? 'default'}:${asset.toUpperCase()}`;
  const size = `${amount.abs().toFixed()} ${asset.toUpperCase()}`;
  const effect = amount.gt(0) ? `credit ${size} to ${account}` : `debit ${size} from ${account}`;
  await confirmCredit(rt, client, {
    customer: ref,
    customerId,
    amount: `${amount.toFixed()} ${asset.toUpperCase()}`,
    asset: asset.toUpperCase(),
    effect: `${effect} (reason ${opts.reason})`,
    question: `${amount.gt(0) ? 'Credit' : 'Debit'} ${size} ${amount.gt(0) ? 'to' : 'from'} ${ref}?`,
  });
  const transactionId = opts.transactionId ?? randomUUID();
  const { input } = await prepareCredit(client, {
    transactionId,
    amount,
    asset,
    reason: opts.reason,
    accountName: opts.accountName,
    description: opts.description,
    expiresAt: opts.expiresAt,
    metadata: opts.metadata,
  });
  const sent = await sendCredit(client, customerId, input, true);
  const code = sent.adjustment.asset ?? asset;
  const credit = sentCredit(sent, {
    transaction_id: transactionId,
    customer_id: customerId,
    account_id: sent.adjustment.account_id ?? `${opts.accountName ?? 'default'}:${code}`,
    asset: code,
    amount,
    reason: opts.reason,
  });
  if (credit.status === 'accepted') rt.note(`Adjusted ${ref} by ${amount.toFixed()} ${code}`);
  else alreadyApplied(rt, credit, ref);
  await printCredit(rt, client, credit);
}
