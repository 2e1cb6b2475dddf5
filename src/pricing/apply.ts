import type { CredytClient } from '../client/client.js';
import { stringifyJson } from '../json/write.js';
import type { Plan, PlanItem, Step } from './plan.js';

/** One request sent (or, for a dry run, to be sent). */
export interface SentRequest {
  kind: PlanItem['kind'];
  code: string;
  method: Step['method'];
  path: string;
  body: Record<string, unknown>;
  /** The version a product request created, when it did. */
  version?: string;
}

/**
 * Sends the plan's requests in order: assets (and their rates) before the products that
 * price in them. A `{version}` in a path is the version the item's previous request
 * created. Stops at the first failure (the error says which request); what was sent
 * before stays, and a second run picks up from there, since the plan is recomputed.
 */
export async function applyPlan(client: CredytClient, plan: Plan, onSent?: (req: SentRequest) => void): Promise<SentRequest[]> {
  const sent: SentRequest[] = [];
  const ordered = [...plan.items.filter((i) => i.kind === 'asset'), ...plan.items.filter((i) => i.kind === 'product')];
  for (const item of ordered) {
    let version: string | undefined;
    for (const step of item.steps) {
      const path = version === undefined ? step.path : step.path.replace('{version}', version);
      const answer = await client.requestJson<{ version?: unknown }>(step.method, path, step.body);
      const req: SentRequest = { kind: item.kind, code: item.code, method: step.method, path, body: step.body };
      if (item.kind === 'product' && step.method === 'POST' && answer?.version !== undefined) {
        version = String(answer.version);
        req.version = version;
      }
      sent.push(req);
      onSent?.(req);
    }
  }
  return sent;
}

/** What a dry run prints: each request as it would go out, the API key redacted. */
export function dryRunText(plan: Plan, origin: string, hasKey: boolean): string {
  const out: string[] = [];
  const ordered = [...plan.items.filter((i) => i.kind === 'asset'), ...plan.items.filter((i) => i.kind === 'product')];
  for (const item of ordered) {
    for (const step of item.steps) {
      out.push(`${step.method} ${origin}${step.path.replace('{version}', '{new version}')}`);
      if (hasKey) out.push('X-CREDYT-API-KEY: [redacted]');
      out.push('Content-Type: application/json', '', stringifyJson(step.body, 2), '');
    }
  }
  return out.join('\n');
}
