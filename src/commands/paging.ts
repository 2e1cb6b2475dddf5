import type { Command } from 'commander';
import type { Runtime } from '../runtime.js';
import type { Page, PageQuery } from '../client/types.js';
import type { ListedRows } from '../render/records.js';
import { ApiError, ExitCode, UsageError } from '../errors.js';
import { toDecimal } from '../json/parse.js';
import { integerArg } from './parse.js';

/** `--offset` of a list verb; `--limit` and `--all` are global flags. */
export interface PageOptions {
  offset?: number;
}

/** The API's largest page. */
export const MAX_PAGE = 100;
/** Items a list verb prints without `--limit` or `--all`. */
export const DEFAULT_LIMIT = 20;

/** `--offset` of a list verb (the API pages with limit/offset). */
export function pageFlags(command: Command): Command {
  return command.option('--offset <n>', 'skip this many items', integerArg(0, Number.MAX_SAFE_INTEGER));
}

function count(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  try {
    return toDecimal(value).toNumber();
  } catch {
    return undefined;
  }
}

/**
 * Fetches what `--limit N` (default 20) or `--all` ask for, from `--offset` on, following
 * limit/offset pages of at most 100 items until there are enough, the API has no more, or
 * it answers an empty page.
 */
export async function fetchList<T>(
  rt: Runtime,
  opts: PageOptions,
  fetchPage: (query: PageQuery) => Promise<Page<T>>,
): Promise<ListedRows<T>> {
  const { limit, all } = rt.flags;
  if (all && limit !== undefined) throw new UsageError('Give --limit or --all, not both.');
  const wanted = all ? Infinity : (limit ?? DEFAULT_LIMIT);
  const start = opts.offset ?? 0;
  let requested = Math.min(wanted, MAX_PAGE);
  const first = await fetchPage({ limit: requested, offset: start });
  // Some servers answer a list as a bare array (the spec's envelope is only attested on a
  // few lists). Without the envelope there is no paging to follow: it is the whole answer.
  if (Array.isArray(first)) {
    const items = (first as T[]).slice(0, wanted === Infinity ? undefined : wanted);
    return { items, total: undefined, offset: start, json: first };
  }
  if (typeof first !== 'object' || first === null) {
    throw new ApiError(`The answer was not a list (${typeof first}); expected {items: [...]} or an array`, ExitCode.Server, 200, undefined);
  }
  const total = count(first.total_count);
  const items = [...(first.items ?? [])];
  let pages = 1;
  let received = items.length;
  // Without a total, a short page is the last one.
  while (items.length < wanted && received > 0 && (total === undefined ? received === requested : start + items.length < total)) {
    requested = Math.min(wanted - items.length, MAX_PAGE);
    const page = await fetchPage({ limit: requested, offset: start + items.length });
    pages++;
    received = (page.items ?? []).length;
    items.push(...(page.items ?? []));
  }
  const json = pages === 1 ? first : { ...first, items, limit: items.length, offset: start };
  return { items, total, offset: start, json };
}
