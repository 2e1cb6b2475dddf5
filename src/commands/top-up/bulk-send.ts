import type { CredytClient } from '../../client/client.js';
import type { BulkKind } from '../../pipeline/run.js';
import type { ItemOutcome, Job } from '../../pipeline/scheduler.js';
import { CreditLookups } from '../../services/credit/lookups.js';
import { sendCreditBatch, type CreditBatching } from './bulk-batch.js';
import { sendLine, type CreditItem } from './bulk-line.js';

export type { CreditItem } from './bulk-line.js';

/**
 * A bulk kind of credits: one adjustment a line, each line sent through the credit
 * service; one request a line, or (`batching`, a local serve that takes them) many
 * lines a request, each line's result read as its own request's answer would be.
 */
export function creditKind(name: 'top-up' | 'adjust', prepare: BulkKind<CreditItem>['prepare'], batching?: CreditBatching): BulkKind<CreditItem> {
  let lookups: CreditLookups | undefined;
  return {
    kind: name,
    noun: name === 'top-up' ? 'top-ups' : 'adjustments',
    maxBatch: batching?.size ?? 1,
    prepare: batching ? batching.sharded(prepare) : prepare,
    async send(client: CredytClient, _key: string, jobs: Job<CreditItem>[]): Promise<ItemOutcome[]> {
      lookups ??= new CreditLookups(client);
      if (batching) return sendCreditBatch(client, lookups, jobs);
      // One line a request: no Promise.all for the one.
      if (jobs.length === 1) return [await sendLine(client, lookups, jobs[0]!.item)];
      return Promise.all(jobs.map((job) => sendLine(client, lookups!, job.item)));
    },
  };
}
