import type { CredytClient } from '../../client/client.js';
import { failure, type ItemOutcome } from '../../pipeline/scheduler.js';
import { PaymentError } from '../../services/credit/conversion.js';
import type { CreditLookups } from '../../services/credit/lookups.js';
import { prepareCredit, preparedNow, type CreditSpec, type PreparedCredit } from '../../services/credit/request.js';
import { sendCredit, storedCredit, type SentCredit } from '../../services/credit/send.js';

/** One credit or debit line, checked; a top-up's amount is converted when it is sent. */
export interface CreditItem extends CreditSpec {
  customer: string;
}

/** A line ready to go: its customer's id and its adjustment; or the outcome of a payment that cannot be credited. */
export type ReadyLine = { customerId: string; prepared: PreparedCredit } | { outcome: ItemOutcome };

/** The customer's id and the adjustment of a line (a top-up converted now, at the rate in force). */
export async function readyLine(client: CredytClient, lookups: CreditLookups, item: CreditItem): Promise<ReadyLine> {
  const known = lookups.customer(item.customer);
  const customerId = typeof known === 'string' ? known : await known;
  try {
    // Most lines need no lookup to convert: no promise to wait for then.
    return { customerId, prepared: preparedNow(item) ?? (await prepareCredit(client, item, lookups.asset)) };
  } catch (error) {
    if (error instanceof PaymentError) return { outcome: { ok: false, id: item.transactionId, code: error.code, message: error.message } };
    throw error;
  }
}

/**
 * The result line of a credit line the server took (accepted or duplicate), the same
 * whether its adjustment went alone or in a batch.
 */
export function lineOutcome(item: CreditItem, customerId: string, prepared: PreparedCredit, sent: SentCredit): ItemOutcome {
  const { input, conversion } = prepared;
  const asked = { asset: input.asset, amount: input.amount, exchangeRate: conversion?.exchangeRate };
  const credited = sent.rerated ? storedCredit(sent.adjustment, asked) : asked;
  const extra: Record<string, unknown> = { customer_id: customerId, asset: credited.asset, amount: credited.amount };
  if (credited.exchangeRate !== undefined) extra.exchange_rate = credited.exchangeRate;
  // The line's id is the transaction sent: Credyt's adjustment id may be another UUID.
  if (sent.adjustment.id && sent.adjustment.id !== item.transactionId) extra.adjustment_id = sent.adjustment.id;
  return { ok: true, id: sent.adjustment.transaction_id || item.transactionId, status: sent.status, extra };
}

/**
 * The outcome of a line whose credit was refused, as the scheduler reports a line whose
 * request threw (failure()): the same words whichever way the line was sent.
 */
export function refusedOutcome(error: unknown): ItemOutcome {
  const { code, message } = failure(error);
  return { ok: false, code, message };
}

/** Sends one line in a request of its own. */
export async function sendLine(client: CredytClient, lookups: CreditLookups, item: CreditItem): Promise<ItemOutcome> {
  const ready = await readyLine(client, lookups, item);
  if ('outcome' in ready) return ready.outcome;
  const sent = await sendCredit(client, ready.customerId, ready.prepared.input, false);
  return lineOutcome(item, ready.customerId, ready.prepared, sent);
}

