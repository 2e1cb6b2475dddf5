import type { CredytClient } from '../../client/client.js';
import type { TransportResponse } from '../../client/transport.js';
import type { Runtime } from '../../runtime.js';
import { apiErrorFromResponse } from '../../client/api-errors.js';
import { ApiError, ExitCode } from '../../errors.js';
import { parseJsonLossless, toDecimal } from '../../json/parse.js';
import { stringifyJson } from '../../json/write.js';

/** A non-2xx answer (its body already printed) ends the run with the status's exit code. */
export function failIfError(res: TransportResponse, path: string): void {
  if (res.status >= 200 && res.status < 300) return;
  const { url } = res as TransportResponse & { url?: unknown };
  throw apiErrorFromResponse(res, { url: typeof url === 'string' ? url : path });
}

const PAGE = 100;

function splitQuery(path: string): [string, URLSearchParams] {
  const at = path.indexOf('?');
  return at < 0 ? [path, new URLSearchParams()] : [path.slice(0, at), new URLSearchParams(path.slice(at + 1))];
}

/**
 * `--paginate`: follows limit/offset pages (`items`, `total_count`) from the path's own
 * offset on, and prints every item as one JSON array, or one item per line with -o jsonl.
 * Numbers are written back with the digits the API sent.
 */
export async function paginate(rt: Runtime, client: CredytClient, path: string, headers: Record<string, string>): Promise<void> {
  const [base, query] = splitQuery(path);
  const limit = Number(query.get('limit') ?? PAGE) || PAGE;
  let offset = Number(query.get('offset') ?? 0) || 0;
  const items: unknown[] = [];
  for (;;) {
    query.set('limit', String(limit));
    query.set('offset', String(offset));
    const pagePath = `${base}?${query.toString()}`;
    const res = await client.requestRaw('GET', pagePath, undefined, { anyStatus: true, headers });
    if (res.status < 200 || res.status >= 300) {
      rt.io.stdout.write(res.body);
      failIfError(res, pagePath);
    }
    let page: { items?: unknown; total_count?: unknown };
    try {
      page = parseJsonLossless(res.body) as typeof page;
    } catch {
      throw new ApiError(`--paginate: the answer to GET ${pagePath} is not JSON.`, ExitCode.Server, res.status, undefined);
    }
    if (!page || !Array.isArray(page.items)) {
      throw new ApiError(`--paginate: the answer to GET ${pagePath} has no "items" list.`, ExitCode.Validation, res.status, undefined);
    }
    items.push(...page.items);
    offset += page.items.length;
    const total = page.total_count === undefined ? undefined : toDecimal(page.total_count).toNumber();
    if (page.items.length === 0 || (total !== undefined ? offset >= total : page.items.length < limit)) break;
  }
  if (rt.output.mode === 'jsonl') {
    for (const item of items) rt.io.stdout.write(stringifyJson(item) + '\n');
  } else {
    rt.io.stdout.write(stringifyJson(items, 2) + '\n');
  }
}
