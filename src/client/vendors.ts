import { ApiError, ExitCode, UsageError } from '../errors.js';
import type { CredytClient } from './client.js';
import { pickLookupAnswer } from './lookup-answer.js';
import { pageParams, segment, withQuery } from './paths.js';
import type { Page, PageQuery, Stats, StatsQuery, Vendor } from './types.js';

const VENDOR_ID = /^vnd_[0-9a-z]+$/;

/** `POST /vendors` `{name, external_id?}` (Credyt's docs also print `POST /events/vendors`). */
export function createVendor(client: CredytClient, input: { name: string; external_id?: string }): Promise<Vendor> {
  return client.requestJson('POST', '/vendors', input);
}

/** `GET /vendors` (one page). */
export function listVendors(client: CredytClient, page?: PageQuery): Promise<Page<Vendor>> {
  return client.requestJson('GET', withQuery('/vendors', pageParams(page)));
}

/** `GET /vendors/{id}`. */
export function getVendor(client: CredytClient, id: string): Promise<Vendor> {
  return client.requestJson('GET', `/vendors/${segment(id)}`);
}

/**
 * The vendor id a user typed: a `vnd_…` id as is (no request), anything else looked up as
 * an external id (`GET /vendors?external_id=`, a single object or a page).
 * @throws ApiError exit 4 when no vendor has it; UsageError for an empty reference
 */
export async function resolveVendor(client: CredytClient, ref: string): Promise<string> {
  if (VENDOR_ID.test(ref)) return ref;
  if (ref.trim() === '') throw new UsageError('The vendor is empty: give a Credyt id (vnd_…) or your external id.');
  const notFound = (problem?: ApiError['problem']) =>
    new ApiError(`No vendor with id or external id ${JSON.stringify(ref)}`, ExitCode.NotFound, 404, problem, 'list vendors with `credyt vendors list`');
  let body: unknown;
  try {
    body = await client.requestJson('GET', withQuery('/vendors', { external_id: ref }), undefined, { emptyOk: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw notFound(error.problem);
    throw error;
  }
  const vendor = pickLookupAnswer<Vendor>(body, 'external_id', ref);
  if (!vendor) throw notFound();
  return vendor.id;
}

/** `GET /vendors/{id}/stats`: the vendor's costs. */
export function vendorStats(client: CredytClient, id: string, query: StatsQuery = {}): Promise<Stats> {
  return client.requestJson('GET', withQuery(`/vendors/${segment(id)}/stats`, { ...query }));
}

/** `GET /customers/{id}/stats`: revenue, costs and margin. */
export function customerStats(client: CredytClient, id: string, query: StatsQuery = {}): Promise<Stats> {
  return client.requestJson('GET', withQuery(`/customers/${segment(id)}/stats`, { ...query }));
}
