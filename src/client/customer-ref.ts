import { pickLookupAnswer } from './lookup-answer.js';

/**
 * How the CLI tells a Credyt customer id from an external id: ids are `cust_` followed by
 * 26 lowercase base-32 characters (a TypeID); anything else is the platform's own id.
 */
const CUSTOMER_ID = /^cust_[0-9a-z]{26}$/;

/** True when `ref` has the shape of a Credyt customer id (`cust_` + 26 chars of [0-9a-z]). */
export function isCustomerId(ref: string): boolean {
  return CUSTOMER_ID.test(ref);
}

/**
 * The customer a `GET /customers?external_id=` answer names, whichever shape it has: a
 * single customer object (the local engine, Credyt's Bruno collection), a paged list
 * `{items: [...]}` (Credyt's OpenAPI for similar lookups) or a bare array. An
 * `external_id` present must match exactly, in case a server ignored the filter.
 */
export function pickCustomerByExternalId<T extends { id: string; external_id?: string | null }>(
  body: unknown,
  externalId: string,
): T | undefined {
  return pickLookupAnswer<T>(body, 'external_id', externalId);
}
