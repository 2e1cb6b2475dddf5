import type { CredytClient } from '../../client/client.js';
import type { BulkKind } from '../../pipeline/run.js';
import type { ItemOutcome, Job } from '../../pipeline/scheduler.js';
import { PaymentError } from '../../services/credit/conversion.js';
import { CreditLookups } from '../../services/credit/lookups.js';
import { prepareCredit, preparedNow, type CreditSpec } from '../../services/credit/request.js';
import { sendCredit, storedCredit } from '../../services/credit/send.js';

/** One credit or debit line, checked; a top-up's amount is converted when it is sent. */
export interface CreditItem extends CreditSpec {
  customer: string;
}

async function sendLine(client: CredytClient, lookups: CreditLookups, item: CreditItem): Promise<ItemOutcome> {
  const known = lookups.customer(item.customer);
  const customerId = typeof known === 'string' ? known : await known;
  let prepared;
  try {
    // Most lines need no lookup to convert: no promise to wait for then.
    prepared = preparedNow(item) ?? (await prepareCredit(client, item, lookups.asset));
  } catch (error) {
    if (error instanceof PaymentError) return { ok: false, id: item.transactionId, code: error.code, message: error.message };
    throw error;
  }
  const { input, conversion } = prepared;
  const sent = await sendCredit(client, customerId, input, false);
  const asked = { asset: input.asset, amount: input.amount, exchangeRate: conversion?.exchangeRate };
  const credited = sent.rerated ? storedCredit(sent.adjustment, asked) : asked;
  const extra: Record<string, unknown> = { customer_id: customerId, asset: credited.asset, amount: credited.amount };
  if (credited.exchangeRate !== undefined) extra.exchange_rate = credited.exchangeRate;
  // The line's id is the transaction sent: Credyt's adjustment id may be another UUID.
  if (sent.adjustment.id && sent.adjustment.id !== item.transactionId) extra.adjustment_id = sent.adjustment.id;
  return { ok: true, id: sent.adjustment.transaction_id || item.transactionId, status: sent.status, extra };
}

/** A bulk kind of credits: one adjustment a line, each line sent through the credit service. */
export function creditKind(name: 'top-up' | 'adjust', prepare: BulkKind<CreditItem>['prepare']): BulkKind<CreditItem> {
  let lookups: CreditLookups | undefined;
  return {
    kind: name,
    noun: name === 'top-up' ? 'top-ups' : 'adjustments',
    maxBatch: 1,
    prepare,
    async send(client: CredytClient, _key: string, jobs: Job<CreditItem>[]) {
      lookups ??= new CreditLookups(client);
      // One line a request: no Promise.all for the one.
      if (jobs.length === 1) return [await sendLine(client, lookups, jobs[0]!.item)];
      return Promise.all(jobs.map((job) => sendLine(client, lookups!, job.item)));
    },
  };
}
