import { REPLAYED_HEADER } from '../client/replayed.js';
import type { Engine } from '../engine/index.js';
import { Fields } from '../engine/request/fields.js';
import { show } from '../engine/request/show.js';
import { adjustmentAnswer, JSON_TYPE, problemAnswer, type RouteAnswer } from './answers.js';
import { toProblem } from './problem.js';

/**
 * `POST /local/wallet-adjustments`, a local extension (docs/api-contract.md, "Local
 * extensions"): many wallet adjustments in one request, for bulk top-ups against a local
 * serve, where one request a line costs the server more than the adjustment itself.
 */
export const ADJUSTMENT_BATCH_PATH = '/local/wallet-adjustments';

/** Items one batch takes at most. */
export const MAX_BATCH_ADJUSTMENTS = 1000;

/**
 * `200 {"results":[{"status":S,"replayed":R,"body":B},…]}`, one result per item in order,
 * where S, B and R (its `idempotent-replayed` header) are what
 * `POST /customers/{customer_id}/wallet/adjustments` answers for that item alone: each
 * item goes through the single route's own answer builder (adjustmentAnswer) and, when
 * refused, the app's own problem writer (toProblem, as its error handler). Each item is
 * its own top-level engine write, so a savepoint of the turn's commit group, as separate
 * requests of one turn are: a refused item rolls back only itself.
 * @throws EngineError 400/422 for a malformed envelope (before any item is applied)
 */
export function adjustmentBatchAnswer(engine: Engine, body: unknown): RouteAnswer {
  const items = readEnvelope(body);
  const answers: RouteAnswer[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) answers[i] = itemAnswer(engine, items[i]);
  return { status: 200, type: JSON_TYPE, text: () => resultsJson(answers) };
}

/** The path the single route would have been sent for `customerId`, as the client writes it (problems name it as `instance`). */
export function adjustmentPath(customerId: string): string {
  return `/customers/${encodeURIComponent(customerId)}/wallet/adjustments`;
}

function readEnvelope(body: unknown): unknown[] {
  const fields = Fields.of(body);
  const items = fields.raw('adjustments');
  if (items === undefined) fields.fail('adjustments', 'adjustments is required');
  else if (!Array.isArray(items)) fields.fail('adjustments', `adjustments must be an array, got ${show(items)}`);
  else if (items.length > MAX_BATCH_ADJUSTMENTS) {
    fields.fail('adjustments', `adjustments has ${items.length} items; a request takes at most ${MAX_BATCH_ADJUSTMENTS}`);
  }
  fields.done();
  return items as unknown[];
}

/**
 * One item's answer. An item that names no customer has no single-route twin: it is
 * refused alone (400 when not an object, as the route refuses such a body; 422 on
 * `customer_id`), with the batch's path as `instance`.
 */
function itemAnswer(engine: Engine, item: unknown): RouteAnswer {
  let instance = ADJUSTMENT_BATCH_PATH;
  try {
    const customerId = customerOf(item);
    instance = adjustmentPath(customerId);
    // The published body: the item without the customer_id the route takes from its path.
    const { customer_id: _, ...adjustment } = item as Record<string, unknown>;
    return adjustmentAnswer(engine, customerId, adjustment);
  } catch (error) {
    return problemAnswer(toProblem(error, instance));
  }
}

function customerOf(item: unknown): string {
  const fields = Fields.of(item);
  const customerId = fields.string('customer_id', { required: true });
  fields.done();
  return customerId as string;
}

/** The results' JSON, each body the very text the single route writes. */
function resultsJson(answers: RouteAnswer[]): string {
  let out = '{"results":[';
  for (let i = 0; i < answers.length; i++) {
    const answer = answers[i]!;
    const replayed = answer.headers?.[REPLAYED_HEADER] === 'true';
    out += `${i === 0 ? '' : ','}{"status":${answer.status},"replayed":${replayed},"body":${answer.text()}}`;
  }
  return `${out}]}`;
}
