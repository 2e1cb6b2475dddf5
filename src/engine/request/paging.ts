import { Fields } from './fields.js';
import type { PageView } from '../types.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface PageParams {
  limit: number;
  offset: number;
}

/** Query values arrive as strings (or repeated as arrays); only plain integers pass. */
export type Query = Record<string, unknown>;

function integerParam(fields: Fields, query: Query, key: string, min: number, max: number): number | undefined {
  const raw = query[key];
  if (raw === undefined || raw === '') return undefined;
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text === 'string' && /^\d{1,15}$/.test(text)) {
    const n = Number(text);
    if (n >= min && n <= max) return n;
  }
  const shown = typeof raw === 'string' ? JSON.stringify(raw) : Array.isArray(raw) ? 'given twice' : String(raw);
  fields.fail(key, `${key} ${shown} is not an integer from ${min} to ${max}`);
  return undefined;
}

/** `limit` (1–100, default 20) and `offset` (≥ 0) of a list request; 422 otherwise. */
export function readPage(query: Query | undefined): PageParams {
  const q = query ?? {};
  const fields = Fields.of({});
  const limit = integerParam(fields, q, 'limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT;
  const offset = integerParam(fields, q, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
  fields.done();
  return { limit, offset };
}

export function pageOf<T>(items: T[], total: number, params: PageParams): PageView<T> {
  return { items, total_count: total, limit: params.limit, offset: params.offset };
}
