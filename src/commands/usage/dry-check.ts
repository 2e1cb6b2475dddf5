import type { CredytClient } from '../../client/client.js';
import type { Fee, SimulateInput } from '../../client/catalog-types.js';
import type { Customer } from '../../client/types.js';
import { ApiError, CredytError, ExitCode } from '../../errors.js';
import { parseJsonLossless, toDecimal } from '../../json/parse.js';
import type { DryChecker, DryJob } from '../../pipeline/dry-run.js';
import type { AssetAmount, DryOutcome } from '../../pipeline/dry-plan.js';
import { failure } from '../../pipeline/scheduler.js';
import { customerCheck, type CheckedCustomer } from '../../services/customer-check.js';
import type { EventItem, UsageKind } from './bulk.js';

/** A product version a customer is billed from, as `simulate-usage` names it. */
interface Billed {
  product: string;
  version: number | 'default';
}

/** The versions of the customer's active subscriptions: the prices its events are matched against. */
function billedVersions(customer: Customer): Billed[] {
  const out: Billed[] = [];
  for (const s of customer.subscriptions ?? []) {
    if (s.status !== undefined && s.status !== 'active') continue;
    for (const p of s.products) {
      const version = Number(p.version);
      out.push({ product: p.id ?? p.code, version: Number.isInteger(version) && version > 0 ? version : 'default' });
    }
  }
  return out;
}

function sums(fees: Fee[]): AssetAmount[] {
  const byAsset = new Map<string, AssetAmount>();
  for (const fee of fees) {
    const at = byAsset.get(fee.asset);
    if (at) at.amount = at.amount.add(toDecimal(fee.amount));
    else byAsset.set(fee.asset, { asset: fee.asset, amount: toDecimal(fee.amount) });
  }
  return [...byAsset.values()];
}

type Priced = { fees: Fee[] } | { unchecked: string } | { failed: string };

/**
 * Prices events against one product version with `simulate-usage`, which charges nobody.
 * A batch the server refuses (422) is priced one event at a time, so only the bad events
 * fail; an answer without fees leaves the events unchecked rather than failed.
 */
async function simulate(client: CredytClient, billed: Billed, events: SimulateInput['events']): Promise<Priced[]> {
  try {
    const answer = await client.simulateUsage(billed.product, billed.version, { events });
    return events.map((_, i) => {
      const fees = answer.events?.[i]?.fees;
      return Array.isArray(fees) ? { fees } : { unchecked: 'the simulate-usage answer said nothing of fees' };
    });
  } catch (error) {
    if (!(error instanceof ApiError) || error.exitCode === ExitCode.Network) throw error;
    if (error.status === 422) {
      if (events.length === 1) return [{ failed: error.message }];
      // One at a time: a refused batch must not become a thousand requests in flight.
      const one: Priced[] = [];
      for (const e of events) one.push(...(await simulate(client, billed, [e])));
      return one;
    }
    return events.map(() => ({ unchecked: `simulate-usage of ${billed.product} failed: ${error.message}` }));
  }
}

async function checkCustomer(client: CredytClient, kind: UsageKind, found: CheckedCustomer, ref: string, jobs: DryJob<EventItem>[]): Promise<DryOutcome[]> {
  const events = jobs.map((job) => parseJsonLossless(kind.json(job.item)) as SimulateInput['events'][number]);
  if (!found.ok) return events.map((e) => ({ ok: false, id: e.id, code: found.code, message: found.message }));
  const fees: Fee[][] = events.map(() => []);
  const unchecked: (string | undefined)[] = events.map(() => undefined);
  const failed: (string | undefined)[] = events.map(() => undefined);
  for (const billed of billedVersions(found.customer)) {
    const priced = await simulate(client, billed, events);
    priced.forEach((p, i) => {
      if ('fees' in p) fees[i]!.push(...p.fees);
      else if ('failed' in p) failed[i] = p.failed;
      else unchecked[i] = p.unchecked;
    });
  }
  return events.map((e, i): DryOutcome => {
    if (failed[i] !== undefined) return { ok: false, id: e.id, code: 'validation_failed', message: failed[i]! };
    const prices = fees[i]!.map((f) => ({ product_code: f.product_code, product_version: f.product_version, price_name: f.price_name, asset: f.asset, amount: f.amount }));
    return {
      ok: true,
      id: e.id!,
      customer: ref,
      customerId: found.customer.id,
      amounts: sums(fees[i]!),
      unbilled: unchecked[i] === undefined && fees[i]!.length === 0,
      unchecked: unchecked[i],
      extra: { event_type: e.event_type, prices },
    };
  });
}

/**
 * The dry run of `usage post --file`: each line's customer (read once) and the prices its
 * event matches, from `POST /products/{id}/{version}/simulate-usage` (Credyt's own
 * operation; it charges nobody) for every product version the customer's active
 * subscriptions bill from. An event matching none is counted unbilled (failed with --strict).
 */
export function usageDryCheck(kind: UsageKind, strict: boolean, concurrency: number): DryChecker<EventItem> {
  let customers: ((ref: string) => Promise<CheckedCustomer>) | undefined;
  let unchecked = 0;
  return {
    batch: 1000,
    amounts: 'fees',
    async check(client, jobs) {
      const customer = (customers ??= customerCheck(client));
      const groups = new Map<string, DryJob<EventItem>[]>();
      for (const job of jobs) {
        let group = groups.get(job.key);
        if (!group) groups.set(job.key, (group = []));
        group.push(job);
      }
      const byJob = new Map<DryJob<EventItem>, DryOutcome>();
      // Customers checked --concurrency at a time, as the real run sends their batches.
      const queue = [...groups];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await checkGroup(...next);
      };
      const checkGroup = async (key: string, group: DryJob<EventItem>[]) => {
        const ref = key.slice(key.indexOf(':') + 1);
        let outcomes: DryOutcome[];
        try {
          outcomes = await checkCustomer(client, kind, await customer(ref), ref, group);
        } catch (error) {
          if (!(error instanceof CredytError) || error.exitCode === ExitCode.Network) throw error;
          const f = failure(error);
          outcomes = group.map(() => ({ ok: false, code: f.code, message: f.message }));
        }
        group.forEach((job, i) => byJob.set(job, outcomes[i]!));
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
      // --strict: the real run fails an event that matches no price, so the plan does too.
      const out = jobs.map((job): DryOutcome => {
        const o = byJob.get(job)!;
        return strict && o.ok && o.unbilled ? { ok: false, id: o.id, code: 'unbilled', message: `event ${o.id} matches no price (--strict)` } : o;
      });
      unchecked += out.filter((o) => o.ok && o.unchecked !== undefined).length;
      return out;
    },
    notes: () =>
      unchecked > 0
        ? [`${unchecked.toLocaleString('en-US')} lines were not fully checked: the server could not say which prices they match (-o jsonl says why on each line).`]
        : [],
  };
}
