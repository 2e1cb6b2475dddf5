/**
 * The record a filtered lookup (`GET /customers?external_id=`, `GET /products?code=`)
 * names, whichever shape the answer has: one object, a page `{items: [...]}` or a bare
 * array. An item whose `field` is present must equal `wanted` (`same`), in case a server
 * ignored the filter. An item without the field (Credyt's smallest answers carry only
 * `id`) counts when it is the only one: the server chose it for the filter.
 */
export function pickLookupAnswer<T extends { id: string }>(
  body: unknown,
  field: string,
  wanted: string,
  same: (a: string, b: string) => boolean = (a, b) => a === b,
): T | undefined {
  const items = listItems(body) ?? (body === undefined || body === null ? [] : [body]);
  const records = items.filter(hasId);
  const named = (r: Record<string, unknown>) => r[field] !== undefined && r[field] !== null;
  const exact = records.find((r) => named(r) && typeof r[field] === 'string' && same(r[field] as string, wanted));
  if (exact) return exact as unknown as T;
  const only = records.length === 1 && items.length === 1 ? records[0] : undefined;
  return only && !named(only) ? (only as unknown as T) : undefined;
}

function listItems(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (typeof body === 'object' && body !== null && Array.isArray((body as { items?: unknown }).items)) {
    return (body as { items: unknown[] }).items;
  }
  return undefined;
}

function hasId(value: unknown): value is Record<string, unknown> & { id: string } {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}
