import type { CredytClient } from '../client/client.js';
import type { Customer } from '../client/types.js';
import { isCustomerId } from '../client/customer-ref.js';
import { ApiError, ExitCode } from '../errors.js';

/** A customer read once, or why it could not be: a line naming it fails with that. */
export type CheckedCustomer = { ok: true; customer: Customer } | { ok: false; code: string; message: string };

/**
 * Customers of a dry run, each read once however many lines name it: by id
 * (`GET /customers/{id}`, which a real run would find missing only when it writes) or by
 * external id (the lookup resolveCustomer makes). A missing customer is remembered; any
 * other failure (a 503, the network) is thrown to the caller and tried again next time.
 */
export function customerCheck(client: CredytClient): (ref: string) => Promise<CheckedCustomer> {
  const cache = new Map<string, Promise<CheckedCustomer>>();
  const load = async (ref: string): Promise<CheckedCustomer> => {
    try {
      const customer = isCustomerId(ref) ? await client.getCustomer(ref) : await client.findCustomerByExternalId(ref);
      return { ok: true, customer };
    } catch (error) {
      if (error instanceof ApiError && error.exitCode === ExitCode.NotFound) {
        return { ok: false, code: 'customer_not_found', message: `no customer with id or external id ${JSON.stringify(ref)}` };
      }
      throw error;
    }
  };
  return (ref) => {
    let p = cache.get(ref);
    if (!p) {
      p = load(ref);
      p.catch(() => cache.delete(ref));
      cache.set(ref, p);
    }
    return p;
  };
}
