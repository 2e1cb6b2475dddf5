import type { ClientCore } from '../core.js';
import { pageParams, segment, withQuery } from '../paths.js';
import type { Asset, CreateAssetInput, Page, PageQuery, PlatformAccount, Quote, QuoteInput, Rate, RateInput } from '../types.js';

/** The platform account and its assets, rates and quotes (contract §2.1, §6.1–§6.2). */
export const assetMethods = {
  /** `GET /accounts/self`: the platform account the key belongs to. */
  getSelf(this: ClientCore): Promise<PlatformAccount> {
    return this.requestJson('GET', '/accounts/self');
  },

  /** `POST /assets`. */
  createAsset(this: ClientCore, input: CreateAssetInput): Promise<Asset> {
    return this.requestJson('POST', '/assets', input);
  },

  /** `GET /assets` (one page). */
  listAssets(this: ClientCore, page?: PageQuery): Promise<Page<Asset>> {
    return this.requestJson('GET', withQuery('/assets', pageParams(page)));
  },

  /** `GET /assets/{code}`. */
  getAsset(this: ClientCore, code: string): Promise<Asset> {
    return this.requestJson('GET', `/assets/${segment(code)}`);
  },

  /**
   * `POST /assets/{code}/quote`. Retryable although a POST: a quote changes nothing.
   */
  quote(this: ClientCore, code: string, input: QuoteInput): Promise<Quote> {
    return this.requestJson('POST', `/assets/${segment(code)}/quote`, input, { retryable: true });
  },

  /** `POST /assets/{code}/rates`: adds (or schedules) a rate; answers with the asset. */
  addRate(this: ClientCore, code: string, input: RateInput): Promise<Asset> {
    return this.requestJson('POST', `/assets/${segment(code)}/rates`, input);
  },

  /** `GET /assets/{code}/rates`: rate history (one page). */
  listRates(this: ClientCore, code: string, page?: PageQuery): Promise<Page<Rate>> {
    return this.requestJson('GET', withQuery(`/assets/${segment(code)}/rates`, pageParams(page)));
  },
};

export type AssetMethods = typeof assetMethods;
