import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { CredytError, ExitCode, UsageError } from '../../errors.js';
import { action } from '../verb.js';
import { isoTimeArg, uuidArg } from '../parse.js';
import { dataArg, dataJsonArg, eventData } from './data.js';
import { bulkFlags, bulkOnlyFlags, idSchemeFlag, type BulkOptions } from '../../pipeline/flags.js';
import { concurrencyOf } from '../../pipeline/concurrency.js';
import { uuidV7 } from '../../pipeline/uuid7.js';
import { printFees } from './print-fees.js';
import { checkBilled } from './unbilled.js';
import { eventsOfAnswer } from './events-results.js';
import { withResendAdvice } from './resend.js';
import type { EventResult } from '../../client/catalog-types.js';
import { runUsageDryRun } from './dry-run.js';
import { costArg } from './cost.js';
import type { EventCostInput } from '../../client/catalog-types.js';

export interface UsagePostOptions extends BulkOptions {
  strict?: boolean;
  type?: string;
  data?: Record<string, unknown>;
  dataJson?: Record<string, unknown>;
  id?: string;
  subject?: string;
  occurredAt?: string;
  description?: string;
  cost?: EventCostInput[];
}

export function registerUsagePost(parent: Command, ctx: Context): void {
  const command = parent
    .command('post')
    .summary('Post usage events; prints each event status and the fees it produced')
    .argument('[customer]', 'Credyt id (cust_…) or your external id (not with --file)')
    .option('--type <event-type>', 'event type, matched against the prices of subscribed products')
    .option('--data <key=value>', 'event data; numbers stay exact decimals, true/false booleans, key= is absent (repeatable)', dataArg)
    .option('--data-json <json>', 'event data as a JSON object (nested values)', dataJsonArg)
    .option('--id <uuid>', 'event id, the idempotency key (default: a new time-ordered UUIDv7)', uuidArg)
    .option('--subject <subject>', 'the object the usage is about, e.g. resp_77')
    .option('--occurred-at <iso>', 'when it happened (default now)', isoTimeArg)
    .option('--description <text>', 'description')
    .option('--cost <cost>', "what the event cost you: VENDOR=AMOUNT:CURRENCY, the vendor by id or external id, e.g. openai=0.0021:USD (repeatable)", costArg)
    .option('--strict', 'an event that matches no price is an error (exit 5; with --file, a failed line): it is stored but bills nothing');
  // 1,000: the most events one `POST /events` takes (§6.8); bulk.ts loads only with --file.
  idSchemeFlag(bulkFlags(command, 'events', 1000))
    .addHelpText(
      'after',
      `
Examples:
  credyt usage post acme --type chat_completed --data input_tokens=1200 --data output_tokens=350 --data model=gpt-x
  credyt usage post acme --type video_promoted --id 0f6c2d1e-4b7a-4f0e-9c3b-8d2a1e5f7c90 --subject vid_9
  credyt usage post --file events.ndjson        # {"customer":"acme","type":"chat_completed","data":{…}}
  credyt usage post --file usage.csv --rejects rejects.csv -o jsonl > results.jsonl
  zcat usage.ndjson.gz | credyt usage post --file - --concurrency 8

With --file, each line is one event: NDJSON {"customer", "type", "id"?, "occurred_at"?,
"subject"?, "description"?, "data"?: {…}} (or the API's customer_id, customer_external_id,
event_type, "costs"?: [{"vendor_id" | "vendor_external_id", "amount", "currency"}]), or CSV
with a header: customer,id,type,occurred_at,subject,description,data.<key>…,cost.<vendor>…
(a cost cell is AMOUNT:CURRENCY, e.g. 0.0021:USD; empty is no cost).
Lines are sent per customer in batches (in file order for each customer), --concurrency at
a time. A line without "id" gets one derived from its content, its occurrence number (the
k-th identical line is its own event) and --id-namespace, so the same file posted again
(after a crash, a Ctrl-C, twice, or with lines appended) charges nothing twice. The
derived id starts with the line's occurred_at (--id-scheme v2, the default: a UUIDv8 whose
first 48 bits are the time in ms, the rest from the content), so a file's ids sort as its
times do and the ledger's id index stays cheap to write; a line without occurred_at keeps
its v1 id. A file first posted with an older credyt (v1 ids) must be posted again with
--id-scheme v1, or its timed lines would be new events and charged again. Results: a
summary on stderr, one JSON result per line with -o jsonl (in input order), failed lines
verbatim in --rejects FILE; exit 9 when some lines failed.

An event that matches no price of the customer's products is stored but bills nothing
(a mistyped --type): one event gets a warning, a file an "unbilled" count in its summary
and "unbilled": true on its -o jsonl lines; --strict makes it an error. The fees of each
event come in the answer of credyt local serve and the embedded engine (local extension:
Credyt has not published its answer); elsewhere --strict reads the stored event for one
event, and says which lines of a file it could not check.

--dry-run posts nothing: it checks each line's customer and prices its event with
simulate-usage (which charges nobody) against every product the customer subscribes to,
then prints the fees per asset and per customer, the unbilled events and every bad line
with its number; exit 9 when some would fail. A server whose simulate-usage answer says
nothing of fees leaves those lines unchecked (said on each -o jsonl line), not failed.`,
    )
    .action(action(ctx, runUsagePost));
}

export async function runUsagePost(rt: Runtime, opts: UsagePostOptions, ref?: string): Promise<void> {
  if (opts.file !== undefined) {
    const single = ['type', 'data', 'dataJson', 'id', 'subject', 'occurredAt', 'description', 'cost'] as const;
    const clash = single.find((key) => opts[key] !== undefined);
    if (clash) throw new UsageError(`--${clash.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} goes with one event, not --file.`);
    if (opts.randomIds && opts.idScheme !== undefined) throw new UsageError('--id-scheme goes with derived ids, not --random-ids.');
    const concurrency = concurrencyOf(opts.concurrency, 'usageBatches', rt.target());
    const flags = { ...opts, concurrency, idScheme: opts.idScheme ?? 'v2' } as const;
    if (opts.dryRun) return runUsageDryRun(rt, flags, opts.file, ref);
    const { runBulk } = await import('../../pipeline/run.js');
    const { usageKind } = await import('./bulk.js');
    await runBulk(rt, { ...flags, file: opts.file }, usageKind(ref, rt.output.mode === 'jsonl', opts.strict === true));
    return;
  }
  const bulkOnly = bulkOnlyFlags(opts);
  if (bulkOnly.length > 0) throw new UsageError(`${bulkOnly[0]} goes with --file.`);
  if (!ref) throw new UsageError('Name the customer (CUSTOMER argument), or use --file with a customer on each line.');
  if (!opts.type) throw new UsageError('--type is required for one event (or use --file).');
  const client = await rt.client();
  const customerId = await client.resolveCustomer(ref);
  // The id and time are fixed here, once: every retry (and a re-send by hand) is the same event.
  const event = {
    id: opts.id ?? uuidV7(rt.ctx.now()),
    event_type: opts.type,
    occurred_at: opts.occurredAt ?? rt.ctx.now().toISOString(),
    subject: opts.subject,
    description: opts.description,
    data: eventData(opts.dataJson, opts.data),
    ...(opts.cost ? { costs: opts.cost } : {}),
  };
  let answer: unknown;
  try {
    answer = await client.postEvents({ customer_id: customerId, events: [event] });
  } catch (error) {
    throw withResendAdvice(error, ref, event);
  }
  const answered = eventsOfAnswer(answer) as EventResult[] | undefined;
  // Without per-event results (Credyt's answer is unpublished) the event was sent: no more is known.
  const results = answered ?? [{ id: event.id, event_type: event.event_type, status: 'sent' }];
  const json = answered ? answer : { events: results };
  await printFees(rt, client, results, [event], json);
  // An id replayed with another body changed nothing: exit 5, as top-up and adjust do.
  if (results.some((e) => 'status' in e && e.status === 'conflict')) {
    throw new CredytError(
      `event ${event.id} was posted before with a different body (a re-send needs the same --occurred-at, which defaults to now); this one had no effect.`,
      ExitCode.Validation,
    );
  }
  await checkBilled(rt, client, results, opts.type, opts.strict === true);
}
