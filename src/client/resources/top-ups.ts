import type { ClientCore } from '../core.js';
import { pageParams, segment, withQuery } from '../paths.js';
import type { Page, TopUp, TopUpInput, TopUpQuery } from '../types.js';

/** Top-ups: a customer pays, the wallet is credited (contract §2.4, §6.6). */
export const topUpMethods = {
  /** `POST /top-ups`: starts a top-up (never retried: it has no idempotency key). */
  createTopUp(this: ClientCore, input: TopUpInput): Promise<TopUp> {
    return this.requestJson('POST', '/top-ups', input);
  },

  /** `GET /top-ups/{id}`. */
  getTopUp(this: ClientCore, id: string): Promise<TopUp> {
    return this.requestJson('GET', `/top-ups/${segment(id)}`);
  },

  /** `POST /top-ups/{id}/complete` (local engine extension). */
  completeTopUp(this: ClientCore, id: string): Promise<TopUp> {
    return this.requestJson('POST', `/top-ups/${segment(id)}/complete`);
  },

  /** `POST /top-ups/{id}/fail` (local engine extension). */
  failTopUp(this: ClientCore, id: string): Promise<TopUp> {
    return this.requestJson('POST', `/top-ups/${segment(id)}/fail`);
  },

  /** `GET /top-ups` (one page, newest first): a local extension of `credyt local serve` and the embedded engine. */
  listTopUps(this: ClientCore, query: TopUpQuery = {}): Promise<Page<TopUp>> {
    const { limit, offset, ...filters } = query;
    return this.requestJson('GET', withQuery('/top-ups', { ...filters, ...pageParams({ limit, offset }) }));
  },
};

export type TopUpMethods = typeof topUpMethods;
