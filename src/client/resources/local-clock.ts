import type { LocalClock, LocalClockMove } from '../catalog-types.js';
import type { ClientCore } from '../core.js';

/**
 * The local engine's clock, kept in its database (a local extension; docs/subscriptions.md):
 * moved forward to test renewals and expiries, never back.
 */
export const localClockMethods = {
  /** `GET /local/clock`. */
  getClock(this: ClientCore): Promise<LocalClock> {
    return this.requestJson('GET', '/local/clock');
  },

  /** `POST /local/clock/advance`: `duration` is ISO-8601 (`P1M`, `P31D`, `PT5H`). */
  advanceClock(this: ClientCore, duration: string): Promise<LocalClockMove> {
    return this.requestJson('POST', '/local/clock/advance', { duration });
  },

  /** `POST /local/clock/set`: forward only. */
  setClock(this: ClientCore, to: string): Promise<LocalClockMove> {
    return this.requestJson('POST', '/local/clock/set', { to });
  },

  /** `POST /local/clock/reset`: back to wall time, refused while anything is dated after it. */
  resetClock(this: ClientCore): Promise<LocalClockMove> {
    return this.requestJson('POST', '/local/clock/reset');
  },
};

export type LocalClockMethods = typeof localClockMethods;
