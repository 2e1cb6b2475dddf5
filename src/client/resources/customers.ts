import { ApiError, ExitCode, UsageError } from '../../errors.js';
import type { SubscriptionInput, Subscription } from '../catalog-types.js';
import type { ClientCore } from '../core.js';
import { isCustomerId, pickCustomerByExternalId } from '../customer-ref.js';
import { pageParams, segment, withQuery } from '../paths.js';
import type { CreateCustomerInput, Customer, Page, PageQuery } from '../types.js';

/** Customers and their subscriptions (contract §2.2, §6.3). */
export const customerMethods = {
  /** `POST /customers`. */
  createCustomer(this: ClientCore, input: CreateCustomerInput): Promise<Customer> {
    return this.requestJson('POST', '/customers', input);
  },

  /** `GET /customers` (one page). */
  listCustomers(this: ClientCore, page?: PageQuery): Promise<Page<Customer>> {
    return this.requestJson('GET', withQuery('/customers', pageParams(page)));
  },

  /** `GET /customers/{id}`. */
  getCustomer(this: ClientCore, id: string): Promise<Customer> {
    return this.requestJson('GET', `/customers/${segment(id)}`);
  },

  /**
   * `GET /customers?external_id=…`. Accepts a single object or a paged list (§6 intro).
   * @throws ApiError exit 4 when there is no such customer
   */
  findCustomerByExternalId(this: ClientCore, externalId: string): Promise<Customer> {
    return findByExternalId(this, externalId);
  },

  /**
   * The customer id a user typed: a `cust_…` id is returned as is (no request); anything
   * else is looked up as an external id.
   * @throws ApiError exit 4 `No customer with id or external id "…"`
   * @throws UsageError (exit 2) for an empty reference, which names no customer
   */
  async resolveCustomer(this: ClientCore, ref: string): Promise<string> {
    if (isCustomerId(ref)) return ref;
    if (ref.trim() === '') throw new UsageError('The customer is empty: give a Credyt id (cust_…) or your external id.');
    try {
      return (await findByExternalId(this, ref)).id;
    } catch (error) {
      if (error instanceof ApiError && error.exitCode === ExitCode.NotFound) {
        throw customerNotFound(`No customer with id or external id ${JSON.stringify(ref)}`, error.problem);
      }
      throw error;
    }
  },

  /** `POST /customers/{id}/subscriptions`. */
  subscribe(this: ClientCore, customerId: string, input: SubscriptionInput): Promise<Subscription> {
    return this.requestJson('POST', `/customers/${segment(customerId)}/subscriptions`, input);
  },
};

export type CustomerMethods = typeof customerMethods;

async function findByExternalId(client: ClientCore, externalId: string): Promise<Customer> {
  const notFound = (problem?: ApiError['problem']) =>
    customerNotFound(`No customer with external id ${JSON.stringify(externalId)}`, problem);
  let body: unknown;
  try {
    body = await client.requestJson('GET', withQuery('/customers', { external_id: externalId }), undefined, { emptyOk: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw notFound(error.problem);
    throw error;
  }
  const customer = pickCustomerByExternalId<Customer>(body, externalId);
  if (!customer) throw notFound();
  return customer;
}

function customerNotFound(message: string, problem?: ApiError['problem']): ApiError {
  return new ApiError(message, ExitCode.NotFound, 404, problem, 'list customers with `credyt customers list`');
}
