import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError, openEngine, type Engine } from '../../src/engine/index.js';
import { Decimal } from '../../src/money/decimal.js';
import { stringifyJson } from '../../src/json/write.js';
import { prng, testClock } from '../unit/engine/fixture.js';

const ZERO = new Decimal(0);
const RANK: Record<string, number> = { promotion: 0, bundled: 1, paid: 2 };
const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const j = (value: unknown): string => stringifyJson(value);
const URLS = { return_url: 'https://example.com/ok', failure_url: 'https://example.com/no' };

type Unit = 'day' | 'week' | 'month';

interface Plan {
  code: string;
  version: number;
  fee: Decimal | null;
  period: { unit: Unit; count: number } | null;
  /** CR granted: refreshing each period, or one-off lasting `oneOff` months. */
  allowance: Decimal;
  oneOffMonths: number | null;
  /** CR per `img` event. */
  perImage: Decimal;
}

/** Three plans: Credyt's Premium example, a weekly one, and a free one with a one-off grant. */
const PLANS: Plan[] = [
  { code: 'prem', version: 1, fee: new Decimal(20), period: { unit: 'month', count: 1 }, allowance: new Decimal(1000), oneOffMonths: null, perImage: new Decimal(10) },
  { code: 'wk', version: 1, fee: new Decimal('3.5'), period: { unit: 'week', count: 1 }, allowance: new Decimal(100), oneOffMonths: null, perImage: new Decimal(5) },
  { code: 'free', version: 1, fee: null, period: null, allowance: new Decimal(250), oneOffMonths: 2, perImage: new Decimal(1) },
];
/** Premium's second version: the same month, another fee, allowance and image price. */
const PREM_V2: Plan = { code: 'prem', version: 2, fee: new Decimal('24.99'), period: { unit: 'month', count: 1 }, allowance: new Decimal(1200), oneOffMonths: null, perImage: new Decimal(8) };

function productBody(p: Plan): Record<string, unknown> {
  const prices: unknown[] = [
    { type: 'usage_based', billing_model: { type: 'real_time' }, usage_calculation: { event_type: 'img', usage_type: 'unit' }, pricing: [{ asset: 'CR', values: [{ unit_price: p.perImage.toFixed() }] }] },
  ];
  if (p.fee) prices.push({ type: 'fixed', billing_model: { type: 'recurring', recurring: { interval: p.period?.unit } }, pricing: [{ asset: 'USD', values: [{ unit_price: p.fee.toFixed() }] }] });
  const lifecycle = p.oneOffMonths === null
    ? { duration: p.period?.unit, duration_count: 1, refresh: { strategy: 'expire_and_replace' } }
    : { duration: 'month', duration_count: p.oneOffMonths };
  return { code: p.code, name: p.code, publish: true, prices, entitlements: [{ asset: 'CR', amount: p.allowance.toFixed(), purpose: 'bundled', lifecycle }] };
}

/** Calendar months clamped to the month's end, written here from docs/subscriptions.md. */
function plus(iso: string, unit: Unit, n: number): string {
  const d = new Date(iso);
  if (unit === 'day') return new Date(d.getTime() + n * 86_400_000).toISOString();
  if (unit === 'week') return new Date(d.getTime() + n * 7 * 86_400_000).toISOString();
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds())).toISOString();
}

interface Grant {
  seq: number;
  purpose: string;
  remaining: Decimal;
  expires: string | null;
  expired: boolean;
}
interface Account {
  available: Decimal;
  grants: Grant[];
  debt: Decimal;
}
interface Sub {
  id: string;
  customer: string;
  /** The version usage is billed from. */
  plan: Plan;
  /** The version whose fee and allowance the current period has (a change waits for the next period). */
  feePlan: Plan;
  status: 'pending' | 'active' | 'failed' | 'cancelled';
  anchor: string;
  index: number;
  start: string;
  end: string | null;
  cancelAtEnd: boolean;
}

/** The reference: balances with grants (draw order, expiry), and subscriptions' periods. */
class Model {
  accounts = new Map<string, Account>();
  subs: Sub[] = [];
  private seq = 0;

  account(customer: string, asset: string): Account {
    const key = `${customer} ${asset}`;
    let a = this.accounts.get(key);
    if (!a) this.accounts.set(key, (a = { available: ZERO, grants: [], debt: ZERO }));
    return a;
  }
  expireUpTo(now: string): void {
    for (const a of this.accounts.values()) {
      for (const g of a.grants) {
        if (g.expired || g.expires === null || g.expires > now) continue;
        g.expired = true;
        a.available = a.available.sub(g.remaining);
      }
    }
  }
  credit(a: Account, amount: Decimal, purpose: string, expires: string | null): void {
    a.available = a.available.add(amount);
    const repaid = Decimal.min(a.debt, amount);
    a.debt = a.debt.sub(repaid);
    a.grants.push({ seq: this.seq++, purpose, remaining: amount.sub(repaid), expires, expired: false });
  }
  debit(a: Account, amount: Decimal): void {
    a.available = a.available.sub(amount);
    let owed = amount;
    const open = a.grants
      .filter((g) => !g.expired && !g.remaining.isZero())
      .sort((x, y) => RANK[x.purpose]! - RANK[y.purpose]! || order(x.expires ?? '~', y.expires ?? '~') || x.seq - y.seq);
    for (const g of open) {
      if (owed.isZero()) break;
      const take = Decimal.min(owed, g.remaining);
      g.remaining = g.remaining.sub(take);
      owed = owed.sub(take);
    }
    a.debt = a.debt.add(owed);
  }
  activate(s: Sub, now: string): void {
    s.status = 'active';
    s.anchor = now;
    s.index = 0;
    s.start = now;
    s.end = s.plan.period ? plus(now, s.plan.period.unit, s.plan.period.count) : null;
    s.feePlan = s.plan;
    if (s.plan.fee) {
      const usd = this.account(s.customer, 'USD');
      this.credit(usd, s.plan.fee, 'paid', null);
      this.debit(usd, s.plan.fee);
    }
    const expires = s.plan.oneOffMonths === null ? s.end : plus(now, 'month', s.plan.oneOffMonths);
    this.credit(this.account(s.customer, 'CR'), s.plan.allowance, 'bundled', expires);
  }
  /** Renewals up to `to`, earliest first; grants expire at their instant before anything dated then. */
  advance(to: string): number {
    let renewals = 0;
    for (;;) {
      const due = this.subs
        .filter((s) => s.status === 'active' && s.end !== null && s.end <= to)
        .sort((a, b) => order(a.end as string, b.end as string) || this.subs.indexOf(a) - this.subs.indexOf(b))[0];
      if (!due) break;
      const at = due.end as string;
      this.expireUpTo(at);
      renewals++;
      if (due.cancelAtEnd) {
        due.status = 'cancelled';
        continue;
      }
      const period = due.plan.period as { unit: Unit; count: number };
      due.index++;
      due.start = at;
      due.end = plus(due.anchor, period.unit, (due.index + 1) * period.count);
      due.feePlan = due.plan;
      if (due.plan.fee) this.debit(this.account(due.customer, 'USD'), due.plan.fee);
      this.credit(this.account(due.customer, 'CR'), due.plan.allowance, 'bundled', due.end);
    }
    this.expireUpTo(to);
    return renewals;
  }
}

function scratch(): { dir: string; cleanup: () => void } {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'credyt-subs-model-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function refused(fn: () => unknown, status: number, where: string): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    expect(error.status, `${where}: ${error.detail}`).toBe(status);
    return;
  }
  throw new Error(`${where}: expected ${status}, nothing was refused`);
}

/** `fee × (end − now) / (end − start)`, half-up at USD's six places (docs/subscriptions.md, "Proration"). */
function part(sub: Sub, fee: Decimal, now: string): Decimal {
  const end = Date.parse(sub.end as string);
  const start = Date.parse(sub.start);
  const at = Math.min(Math.max(Date.parse(now), start), end);
  return fee.mul(end - at).div(end - start).toDecimalPlaces(6, Decimal.ROUND_HALF_UP);
}

const DURATIONS = ['PT1H', 'PT17H', 'P1D', 'P3D', 'P1W', 'P10D', 'P1M', 'P31D', 'P2M'];

/**
 * Random subscribe, pay, fail, usage, clock moves, cancels (now, prorated, at period end),
 * version changes (prorated or not) and reopenings against the reference; every step compares the customer's balances, and
 * verify() must be clean every 500 steps and at the end.
 */
export function runSubscriptionModel(seed: number, steps: number): number {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const { dir, cleanup } = scratch();
  const path = join(dir, 'credyt.db');
  const clock = testClock('2026-01-31T12:00:00.000Z');
  let engine: Engine = openEngine({ path, clock });
  const model = new Model();
  try {
    engine.createAsset({ code: 'CR', name: 'Credits', precision: 0 });
    for (const p of PLANS) engine.createProduct(productBody(p));
    const { code: _code, publish: _publish, ...v2 } = productBody(PREM_V2);
    engine.addProductVersion('prem', { ...v2, publish: true });
    const customers = Array.from({ length: 4 }, (_, i) => engine.createCustomer({ name: `c${i}` }).id);
    for (let step = 0; step < steps; step++) {
      const where = `seed ${seed} step ${step}`;
      const now = () => engine.clock().toISOString();
      const customer = pick(customers);
      const roll = random();
      const live = (s: Sub) => s.status === 'pending' || s.status === 'active';
      if (roll < 0.2) {
        const plan = pick(PLANS);
        const held = model.subs.some((s) => s.customer === customer && s.plan.code === plan.code && live(s));
        const body = { ...(plan.fee || random() < 0.5 ? URLS : {}), products: [{ code: plan.code, version: 1 }] };
        if (held) refused(() => engine.createSubscription(customer, body), 409, where);
        else {
          const view = engine.createSubscription(customer, body);
          const sub: Sub = { id: view.id, customer, plan, feePlan: plan, status: 'pending', anchor: '', index: 0, start: '', end: null, cancelAtEnd: false };
          model.subs.push(sub);
          model.account(customer, 'CR');
          if (plan.fee) model.account(customer, 'USD');
          if (!plan.fee) model.activate(sub, now());
          expect(view.status, where).toBe(sub.status);
        }
      } else if (roll < 0.35) {
        const sub = model.subs.length > 0 ? pick(model.subs) : undefined;
        if (sub && sub.status === 'pending') {
          if (random() < 0.85) {
            engine.subscriptions.complete(sub.id, 'http://x');
            model.activate(sub, now());
          } else {
            engine.subscriptions.fail(sub.id, 'http://x');
            sub.status = 'failed';
          }
        } else if (sub) refused(() => engine.subscriptions.complete(sub.id, 'http://x'), 409, where);
      } else if (roll < 0.6) {
        const n = 1 + Math.floor(random() * 3);
        for (let i = 0; i < n; i++) engine.postEvents({ customer_id: customer, events: [{ id: crypto.randomUUID(), event_type: 'img' }] });
        const rate = model.subs.filter((s) => s.customer === customer && s.status === 'active').reduce((sum, s) => sum.add(s.plan.perImage), ZERO);
        for (let i = 0; i < n; i++) if (!rate.isZero()) model.debit(model.account(customer, 'CR'), rate);
      } else if (roll < 0.8) {
        const duration = pick(DURATIONS);
        const moved = engine.subscriptions.clock.advance({ duration });
        expect(moved.processed?.renewals, `${where} renewals of ${duration}`).toBe(model.advance(moved.now));
      } else if (roll < 0.9) {
        const sub = model.subs.length > 0 ? pick(model.subs) : undefined;
        if (!sub) continue;
        const atEnd = random() < 0.4;
        const prorate = !atEnd && random() < 0.5;
        if (!live(sub) || (atEnd && sub.cancelAtEnd && sub.status === 'active' && sub.end !== null)) {
          refused(() => engine.subscriptions.cancel(sub.id, { at_period_end: atEnd }, 'http://x'), 409, where);
        } else {
          engine.subscriptions.cancel(sub.id, { at_period_end: atEnd, prorate }, 'http://x');
          if (sub.status === 'active' && atEnd && sub.end !== null) sub.cancelAtEnd = true;
          else {
            if (sub.status === 'active' && prorate && sub.feePlan.fee && sub.end !== null) {
              const refund = part(sub, sub.feePlan.fee, now());
              if (!refund.isZero()) model.credit(model.account(sub.customer, 'USD'), refund, 'paid', null);
            }
            sub.status = 'cancelled';
          }
        }
      } else if (roll < 0.97) {
        // move a Premium subscription to its other version, sometimes prorated
        const sub = model.subs.find((s) => s.customer === customer && s.plan.code === 'prem' && s.status === 'active');
        const prorate = random() < 0.5;
        if (sub) {
          const next = sub.plan.version === 1 ? PREM_V2 : (PLANS[0] as Plan);
          engine.subscriptions.change(sub.id, { product: { code: 'prem', version: next.version }, prorate }, 'http://x');
          if (prorate && sub.end !== null) {
            const usd = model.account(sub.customer, 'USD');
            const refund = part(sub, sub.feePlan.fee as Decimal, now());
            if (!refund.isZero()) model.credit(usd, refund, 'paid', null);
            const charge = part(sub, next.fee as Decimal, now());
            if (!charge.isZero()) model.debit(usd, charge);
            sub.feePlan = next;
          }
          sub.plan = next;
        }
      } else {
        engine.close();
        engine = openEngine({ path, clock });
      }
      for (const account of engine.getWallet(customer).accounts) {
        const m = model.account(customer, account.asset);
        expect(`${account.id} ${j(account.available)}`, `${where} ${customer}`).toBe(`${account.id} ${j(m.available)}`);
      }
      // quick_check in between; the full integrity check at the end.
      if (step % 500 === 499) expect(engine.verifyReport().violations, where).toEqual([]);
    }
    for (const s of model.subs) expect(engine.subscriptions.get(s.id, 'http://x').status, `seed ${seed} ${s.id}`).toBe(s.status);
    expect(engine.verify(), `seed ${seed} at the end`).toEqual([]);
    return steps;
  } finally {
    engine.close();
    cleanup();
  }
}

/**
 * CREDYT_SUBS_MODEL_OPS (default 20,000) operations in all, split in halves so the two
 * files run on both cores, in runs of 1,000 from consecutive seeds starting at CREDYT_SEED
 * (default random). A failure prints the seed to replay (with part a's file).
 */
export function subscriptionModelSuite(part: number, parts: number): void {
  const total = Math.ceil(Number(process.env.CREDYT_SUBS_MODEL_OPS ?? 20_000) / parts);
  const perRun = Math.min(1_000, total);
  const first = Number(process.env.CREDYT_SEED ?? Math.floor(Math.random() * 2 ** 30)) + part * 1_000_000;
  describe(`subscriptions against a reference model, part ${part + 1} of ${parts}`, () => {
    it(`agrees for ${total} operations (seeds from ${first})`, { timeout: Math.max(300_000, total * 10) }, () => {
      let done = 0;
      for (let seed = first; done < total; seed++) {
        try {
          done += runSubscriptionModel(seed, Math.min(perRun, total - done));
        } catch (error) {
          console.error(`subscription model failed with seed ${seed}; replay: CREDYT_SEED=${seed} CREDYT_SUBS_MODEL_OPS=${perRun * parts} npx vitest run test/proof/subscription-model-a`);
          throw error;
        }
      }
      expect(done).toBe(total);
    });
  });
}
