import type { PageQuery } from './types.js';

/** Query parameter values; undefined and null ones are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined | null>;

/** One path segment, percent-encoded (ids and codes come from users). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * A wallet account id such as `default:TOK` as a path segment. Credyt's own requests send
 * the colon unescaped, so it stays; each side of it is encoded.
 */
export function accountSegment(accountId: string): string {
  return accountId.split(':').map(encodeURIComponent).join(':');
}

/** Appends an encoded query string to `path`, skipping undefined and null values. */
export function withQuery(path: string, params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null) search.append(name, String(value));
  }
  const query = search.toString();
  if (query === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/** `limit` and `offset` of a page request as query parameters. */
export function pageParams(page: PageQuery = {}): QueryParams {
  return { limit: page.limit, offset: page.offset };
}
