/**
 * A connected account id as Credyt writes it: `acc_` and 26 characters of lower-case
 * Crockford base32 (no i, l, o, u), like its other ids. Checked before it is sent as
 * `X-CREDYT-ACCOUNT`, so a typo is a usage error, not a request. On the floor because the
 * global flag, the profile store and the client all read it.
 */
const ACCOUNT_ID = /^acc_[0-9abcdefghjkmnpqrstvwxyz]{26}$/;

/** How a well-formed id looks, for messages. */
export const ACCOUNT_ID_SHAPE = 'acc_ and 26 lower-case base-32 characters';

/** True when `ref` has the shape of a connected account id. */
export function isAccountId(ref: string): boolean {
  return ACCOUNT_ID.test(ref);
}
