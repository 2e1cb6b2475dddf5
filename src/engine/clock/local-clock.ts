import { EngineError, conflict } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import { isoText } from '../request/time.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import { syncGrants } from '../ledger/grants.js';
import { resolveTopUp, type TopUpRow } from '../movements/top-up-settle.js';
import { expireDueTopUps } from '../movements/top-up-expiry.js';
import { renewDue } from '../subscriptions/renewals.js';
import { addDuration, parseDuration } from './durations.js';
import { topUpsDue } from './due.js';

/** What fell due while the clock moved, processed in time order. */
export interface ClockProcessed {
  renewals: number;
  grant_expiries: number;
  top_up_expiries: number;
}

/** `GET /local/clock` and every clock verb's answer (local extension, docs/subscriptions.md). */
export interface ClockView {
  /** The engine's time. */
  now: string;
  /** The machine's time. */
  wall_time: string;
  /** now − wall_time, whole seconds; 0 when the clock is not moved. */
  offset_seconds: number;
  /** What fell due while the clock moved: totals over the platform's database and every connected account's. */
  processed?: ClockProcessed;
  /** Per connected account, what fell due in its database (only accounts where anything did; absent when none did). */
  accounts?: AccountClockProcessed[];
}

/** How far one move may go: a daily subscription renews 36,525 times in a century, in one write. */
const MAX_MOVE_YEARS = 100;

/** What moving the clock processed in one connected account's database (only those where something fell due). */
export interface AccountClockProcessed extends ClockProcessed {
  account: string;
}

/** The databases that run on this clock besides its own: a platform's connected accounts. */
export type ClockFollowers = () => readonly { account: string; clock: LocalClock }[];

function invalid(field: string, message: string): EngineError {
  return new EngineError(422, 'validation_failed', message, { [field]: [message] });
}

/**
 * Tables whose rows carry a date that must not lie ahead of the clock after a reset, with
 * what one row and several rows are called in the refusal.
 */
const DATED: readonly [table: string, column: string, one: string, many: string][] = [
  ['journal_entries', 'created_at', 'journal entry', 'journal entries'],
  ['customers', 'created_at', 'customer', 'customers'],
  ['subscriptions', 'started_at', 'subscription', 'subscriptions'],
  ['subscription_charges', 'created_at', 'subscription charge', 'subscription charges'],
  ['top_ups', 'created_at', 'top-up', 'top-ups'],
  ['holds', 'created_at', 'hold', 'holds'],
];

/**
 * The local clock (docs/subscriptions.md, "The local clock"): an offset from wall time kept
 * in the database. Moving it forward processes, in one BEGIN IMMEDIATE transaction and in
 * time order, the renewals and top-up expiries that fell due in between, then brings every
 * grant that expired in between to the ledger. Two processes moving it at once queue on the
 * write lock; the second sees the first's clock and renewals, so nothing runs twice.
 */
export class LocalClock {
  private followers: ClockFollowers = () => [];

  constructor(private readonly store: Store) {}

  /**
   * The connected accounts' databases, which run on this (the platform's) clock: moving it
   * processes what fell due in each of them too, and a reset checks their rows.
   */
  follow(followers: ClockFollowers): void {
    this.followers = followers;
  }

  show(): ClockView {
    const { wall, offset, now } = this.reading();
    return { now: isoText(now), wall_time: isoText(new Date(wall)), offset_seconds: Math.trunc(offset / 1000) };
  }

  /** Wall time, the stored offset and the clock's now, from one read of the wall clock. */
  private reading(): { wall: number; offset: number; now: Date } {
    const wall = this.store.wallClock().getTime();
    const offset = this.store.clockOffset.get();
    return { wall, offset, now: new Date(wall + offset) };
  }

  /** `{duration: "P1M" | "P31D" | "PT5H" …}`. */
  advance(body: unknown): ClockView {
    this.ownClock();
    const f = Fields.of(body);
    const text = f.string('duration', { required: true, max: 64 });
    const duration = text === undefined ? undefined : parseDuration(text);
    if (text !== undefined && !duration) f.fail('duration', `duration ${show(text)} is not a positive ISO-8601 duration such as P1M, P31D, P2W or PT5H`);
    f.done();
    return this.store.write(() => {
      const reading = this.reading();
      return this.moveTo(addDuration(reading.now, duration as NonNullable<typeof duration>), 'duration', reading);
    });
  }

  /** `{to: ISO date-time}`: forward only. */
  set(body: unknown): ClockView {
    this.ownClock();
    const f = Fields.of(body);
    const to = f.timestamp('to', true);
    f.done();
    return this.store.write(() => {
      const reading = this.reading();
      const { now } = reading;
      if ((to as Date).getTime() <= now.getTime()) {
        throw invalid('to', `to ${isoText(to as Date)} is not after the clock's now ${isoText(now)}; the clock only moves forward (reset goes back to wall time)`);
      }
      return this.moveTo(to as Date, 'to', reading);
    });
  }

  /** Back to wall time: only when nothing is dated after wall time, or the ledger would read backwards. */
  reset(): ClockView {
    this.ownClock();
    return this.store.write(() => {
      const wall = isoText(this.store.wallClock());
      const ahead = this.datedAfter(wall);
      if (ahead) throw conflict(`${ahead} dated after wall time ${wall}; the clock cannot go back before them`);
      for (const { account, clock } of this.followers()) {
        const theirs = clock.datedAfter(wall);
        if (theirs) throw conflict(`connected account ${account}: ${theirs} dated after wall time ${wall}; the clock cannot go back before them`);
      }
      this.store.clockOffset.set(0);
      return this.show();
    });
  }

  /** `3 journal entries are` (`1 customer is`): the first kind of row dated after `wall`, or undefined. */
  private datedAfter(wall: string): string | undefined {
    for (const [table, column, one, many] of DATED) {
      const n = this.store.stmt(`SELECT count(*) FROM ${table} WHERE ${column} > ?`).pluck().get(wall) as number;
      if (n === 1) return `1 ${one} is`;
      if (n > 1) return `${n} ${many} are`;
    }
    return undefined;
  }

  /** A connected account's database has no clock of its own to move (docs/accounts.md). */
  private ownClock(): void {
    if (this.store.sharedClock) {
      throw new EngineError(403, 'forbidden', "a connected account runs on its platform's clock: move the platform's clock");
    }
  }

  /**
   * Processes, in its own write transaction, what fell due in this database between `from`
   * and `to` (a connected account's, as its platform's clock moves): the same work, in the
   * same time order, as moving a clock of its own. Due work is found from the rows, so a
   * second call over the same span finds nothing left: each renewal runs once.
   */
  catchUp(from: string, to: Date): ClockProcessed {
    return this.store.write(() => this.processDue(from, to));
  }

  /**
   * `reading` is the one read of the clock `target` was computed from: the move starts at its
   * `now`, and the offset is set from its `wall`, not from the wall time after processing,
   * so `advance 31d` moves the clock by exactly 31 days.
   */
  private moveTo(target: Date, field: string, { wall, now }: { wall: number; now: Date }): ClockView {
    const { store } = this;
    const limit = new Date(now.getTime());
    limit.setUTCFullYear(limit.getUTCFullYear() + MAX_MOVE_YEARS);
    if (target.getTime() > limit.getTime()) throw invalid(field, `${field} moves the clock more than ${MAX_MOVE_YEARS} years at once; move it in steps`);
    const from = isoText(now);
    const processed = this.processDue(from, target);
    store.clockOffset.set(target.getTime() - wall);
    // Every connected account's database, each in time order and in a transaction of its
    // own, while this one holds the platform's write lock: a second process moving the
    // clock waits for all of it and starts from here.
    const accounts: AccountClockProcessed[] = [];
    for (const { account, clock } of this.followers()) {
      const theirs = clock.catchUp(from, target);
      for (const key of ['renewals', 'grant_expiries', 'top_up_expiries'] as const) processed[key] += theirs[key];
      if (theirs.renewals + theirs.grant_expiries + theirs.top_up_expiries > 0) accounts.push({ account, ...theirs });
    }
    return { ...this.show(), processed, ...(accounts.length > 0 ? { accounts } : {}) };
  }

  private processDue(from: string, target: Date): ClockProcessed {
    const { store } = this;
    let renewals = 0;
    let topUps = 0;
    const renewedCustomers = new Set<string>();
    // Renewals and lapsed top-ups interleaved by the instant they fall due.
    for (;;) {
      const renewal = store.stmt(
        "SELECT period_end AS at, customer_id FROM subscriptions WHERE status = 'active' AND period_end IS NOT NULL AND period_end <= ? ORDER BY period_end, seq LIMIT 1",
      ).get(isoText(target)) as { at: string; customer_id: string } | undefined;
      const topUp = topUpsDue(store, isoText(target))[0];
      if (!renewal && !topUp) break;
      if (topUp && (!renewal || topUp.expires_at < renewal.at)) {
        store.at(new Date(topUp.expires_at), () => resolveTopUp(store, topUp as TopUpRow, 'expired', new Date(topUp.expires_at)));
        topUps++;
      } else if (renewal) {
        renewals += store.at(new Date(renewal.at), () => renewDue(store, new Date(renewal.at), renewal.customer_id));
        renewedCustomers.add(renewal.customer_id);
      }
    }
    const to = isoText(target);
    // Grants are derived lazily from the journal (ledger/grants.ts): replaying it now dates
    // every expiry where it fell, so only the count needs this sweep.
    const accounts = store
      .stmt(
        `SELECT DISTINCT account_seq FROM grants WHERE expired_at IS NULL AND expires_at <= @to
         UNION SELECT a.seq FROM accounts a WHERE a.customer_id IN (SELECT value FROM json_each(@customers))`,
      )
      .pluck()
      .all({ to, customers: JSON.stringify([...renewedCustomers]) }) as number[];
    // Pinned at the target: the platform's offset is stored only after this sweep, so the
    // platform and its accounts (already on the moved clock) date it at the same instant.
    store.at(target, () => {
      for (const seq of accounts) syncGrants(store, seq);
      for (const customer of renewedCustomers) expireDueTopUps(store, customer);
    });
    const grantExpiries = store.stmt('SELECT count(*) FROM grants WHERE expired_at > ? AND expired_at <= ?').pluck().get(from, to) as number;
    return { renewals, grant_expiries: grantExpiries, top_up_expiries: topUps };
  }
}
