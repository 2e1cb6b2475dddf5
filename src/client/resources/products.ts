import { ApiError, ExitCode } from '../../errors.js';
import type { Product, ProductInput, ProductVersion, ProductVersionRef, SimulateInput, SimulationResult } from '../catalog-types.js';
import type { ClientCore } from '../core.js';
import { pickLookupAnswer } from '../lookup-answer.js';
import { pageParams, segment, withQuery } from '../paths.js';
import type { Page, PageQuery } from '../types.js';

/** Products, their versions and usage simulation (contract §2.5, §6.9). */
export const productMethods = {
  /** `POST /products`: creates version 1 (a draft unless `publish`). */
  createProduct(this: ClientCore, input: ProductInput): Promise<ProductVersionRef> {
    return this.requestJson('POST', '/products', input);
  },

  /** `GET /products` (one page). */
  listProducts(this: ClientCore, page?: PageQuery): Promise<Page<Product>> {
    return this.requestJson('GET', withQuery('/products', pageParams(page)));
  },

  /** `GET /products/{id}`: the product with its versions. */
  getProduct(this: ClientCore, id: string): Promise<Product> {
    return this.requestJson('GET', `/products/${segment(id)}`);
  },

  /**
   * The product a user named: a `prp_…` id as is, else a code looked up with
   * `GET /products?code=` (a single object or a paged list, §6 intro).
   * @throws ApiError exit 4 when there is none
   */
  async resolveProduct(this: ClientCore, ref: string): Promise<string> {
    if (/^prp_[0-9a-z]{26}$/.test(ref)) return ref;
    const notFound = (problem?: ApiError['problem']) =>
      new ApiError(`No product with id or code ${JSON.stringify(ref)}`, ExitCode.NotFound, 404, problem, 'list products with `credyt products list`');
    let body: unknown;
    try {
      body = await this.requestJson('GET', withQuery('/products', { code: ref }), undefined, { emptyOk: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw notFound(error.problem);
      throw error;
    }
    const match = pickLookupAnswer<Product>(body, 'code', ref, (a, b) => a.toLowerCase() === b.toLowerCase());
    if (!match) throw notFound();
    return match.id;
  },

  /** `POST /products/{id}`: a new version. */
  createProductVersion(this: ClientCore, productId: string, input: ProductInput): Promise<ProductVersionRef> {
    return this.requestJson('POST', `/products/${segment(productId)}`, input);
  },

  /** `PATCH /products/{id}/{version}`: publish and/or make default. */
  updateProductVersion(
    this: ClientCore,
    productId: string,
    version: number,
    input: { publish?: boolean; make_default?: boolean },
  ): Promise<ProductVersion> {
    return this.requestJson('PATCH', `/products/${segment(productId)}/${version}`, input);
  },

  /** `POST /products/{id}/{version|default}/simulate-usage`: prices events, charges nobody. */
  simulateUsage(this: ClientCore, productId: string, version: number | 'default', input: SimulateInput): Promise<SimulationResult> {
    return this.requestJson('POST', `/products/${segment(productId)}/${version}/simulate-usage`, input, {
      retryable: true,
    });
  },
};

export type ProductMethods = typeof productMethods;
