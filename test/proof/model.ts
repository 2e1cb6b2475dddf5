import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError, openEngine, type Engine } from '../../src/engine/index.js';
import { Decimal } from '../../src/money/decimal.js';
import { stringifyJson } from '../../src/json/write.js';
import { HOUR, meterCustomers, prng, testClock } from '../unit/engine/fixture.js';

const ZERO = new Decimal(0);
const FEE_RATE = '0.37';
/** Code-unit order (ISO instants sort as time; '~' after every digit): not localeCompare. */
const textOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const RANK: Record<string, number> = { promotion: 0, bundled: 1, paid: 2 };

interface Grant {
  seq: number;
  purpose: 'promotion' | 'paid';
  amount: Decimal;
  remaining: Decimal;
  expires: string | null;
  expired: boolean;
}
interface Account {
  available: Decimal;
  pending_in: Decimal;
  pending_out: Decimal;
  grants: Grant[];
  debt: Decimal;
}
interface Hold {
  customer: string;
  asset: string;
  amount: Decimal;
  status: string;
  expires: string | null;
  body: Record<string, unknown>;
}
interface TopUp {
  customer: string;
  asset: string;
  quantity: Decimal;
  expires: string;
}

/**
 * A plain in-memory reference of what the engine must show: balances, grants with the
 * documented draw-down order and breakage, holds, top-ups and rates. Written from
 * docs/ledger.md, not from the engine's code.
 */
class Model {
  accounts = new Map<string, Account>();
  holds = new Map<string, Hold>();
  topUps = new Map<string, TopUp>();
  rates = new Map<string, { inverse: Decimal; effective: string; seq: number }[]>();
  private grantSeq = 0;
  private rateSeq = 0;

  account(customer: string, asset: string): Account {
    const key = `${customer} ${asset}`;
    let a = this.accounts.get(key);
    if (!a) {
      a = { available: ZERO, pending_in: ZERO, pending_out: ZERO, grants: [], debt: ZERO };
      this.accounts.set(key, a);
    }
    return a;
  }

  addRate(asset: string, inverse: Decimal, effective: string): void {
    const list = this.rates.get(asset) ?? [];
    list.push({ inverse, effective, seq: this.rateSeq++ });
    this.rates.set(asset, list);
  }

  rateAt(asset: string, now: string): Decimal {
    let best: { inverse: Decimal; effective: string; seq: number } | undefined;
    for (const r of this.rates.get(asset) ?? []) {
      if (r.effective > now) continue;
      if (!best || r.effective > best.effective || (r.effective === best.effective && r.seq > best.seq)) best = r;
    }
    return (best as { inverse: Decimal }).inverse;
  }

  /** Everything due at `now`: grants expire to breakage, holds and top-ups lapse. */
  settle(now: string): void {
    for (const a of this.accounts.values()) {
      for (const g of a.grants) {
        if (g.expired || g.expires === null || g.expires > now) continue;
        g.expired = true;
        a.available = a.available.sub(g.remaining);
      }
    }
    for (const h of this.holds.values()) {
      if (h.status !== 'pending' || h.expires === null || h.expires > now) continue;
      h.status = 'expired';
      const a = this.account(h.customer, h.asset);
      a.pending_out = a.pending_out.sub(h.amount);
    }
    for (const [id, t] of this.topUps) {
      if (t.expires > now) continue;
      this.topUps.delete(id);
      const a = this.account(t.customer, t.asset);
      a.pending_in = a.pending_in.sub(t.quantity);
    }
  }

  credit(a: Account, amount: Decimal, purpose: 'promotion' | 'paid', expires: string | null): void {
    a.available = a.available.add(amount);
    const repaid = Decimal.min(a.debt, amount);
    a.debt = a.debt.sub(repaid);
    a.grants.push({ seq: this.grantSeq++, purpose, amount, remaining: amount.sub(repaid), expires, expired: false });
  }

  debit(a: Account, amount: Decimal): void {
    a.available = a.available.sub(amount);
    let owed = amount;
    const open = a.grants
      .filter((g) => !g.expired && !g.remaining.isZero())
      .sort(
        (x, y) =>
          RANK[x.purpose]! - RANK[y.purpose]! ||
          textOrder(x.expires ?? '~', y.expires ?? '~') ||
          x.seq - y.seq,
      );
    for (const g of open) {
      if (owed.isZero()) break;
      const take = Decimal.min(owed, g.remaining);
      g.remaining = g.remaining.sub(take);
      owed = owed.sub(take);
    }
    a.debt = a.debt.add(owed);
  }
}

const ASSETS = [
  { code: 'USD', precision: 6 },
  { code: 'TOK', precision: 0 },
  { code: 'CR', precision: 2 },
];
const REASONS = [
  ['external_topup', 1, 'paid'],
  ['gift', 1, 'promotion'],
  ['promotion', 1, 'promotion'],
  ['external_refund', -1, 'paid'],
  ['charge', -1, 'paid'],
] as const;

const j = (value: unknown): string => stringifyJson(value);

function refused(fn: () => unknown, status: number, code: string, where: string): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    expect(`${error.status} ${error.code}`, `${where}: ${error.detail}`).toBe(`${status} ${code}`);
    return;
  }
  throw new Error(`${where}: expected ${status} ${code}, nothing was refused`);
}

function uuidOf(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A database directory on tmpfs when there is one: fsync there costs nothing. */
function scratch(): { dir: string; cleanup: () => void } {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'credyt-model-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `steps` random operations against an engine on a file and against the model; after
 * every step the touched customer's balances must agree, grants are compared every 100
 * steps and `verify()` must be clean every 500 steps and at the end. Returns the number of
 * operations done.
 */
export function runModel(seed: number, steps: number): number {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const amountOf = (precision: number, max = 1000): Decimal => {
    const scale = Math.floor(random() * (precision + 1));
    const units = Math.floor(random() * max * 10 ** scale) + 1;
    return new Decimal(units).div(new Decimal(10).pow(scale));
  };
  const clock = testClock('2026-01-01T00:00:00.000Z');
  const nowText = () => clock().toISOString();
  const { dir, cleanup } = scratch();
  const path = join(dir, 'credyt.db');
  let engine: Engine = openEngine({ path, clock });
  const model = new Model();
  try {
    for (const a of ASSETS.slice(1)) {
      const inverse = a.code === 'TOK' ? '1000' : '12.5';
      engine.createAsset({ code: a.code, name: a.code, precision: a.precision, rates: [{ source: 'USD', inverse_rate: inverse }] });
      model.addRate(a.code, new Decimal(inverse), nowText());
    }
    model.addRate('USD', new Decimal(1), '0000');
    const customers = meterCustomers(engine, ASSETS, FEE_RATE);
    const adjustments: { customer: string; body: Record<string, unknown> }[] = [];

    for (let step = 0; step < steps; step++) {
      const where = `seed ${seed} step ${step}`;
      const customer = pick(customers);
      const asset = pick(ASSETS);
      const roll = random();
      model.settle(nowText());
      if (roll < 0.2) {
        // adjustment, maybe expiring; sometimes a replay or a changed body under an old key
        if (adjustments.length > 0 && random() < 0.2) {
          const old = pick(adjustments);
          if (random() < 0.5) engine.createAdjustment(old.customer, old.body);
          else refused(() => engine.createAdjustment(old.customer, { ...old.body, description: 'changed' }), 409, 'idempotency_conflict', where);
        } else {
          const [reason, sign, purpose] = pick(REASONS);
          const amount = amountOf(asset.precision);
          const expires = sign > 0 && random() < 0.5 ? new Date(clock().getTime() + Math.floor(random() * 400) * HOUR + 1).toISOString() : undefined;
          const body = {
            transaction_id: uuidOf(random),
            asset: asset.code,
            amount: (sign > 0 ? amount : amount.neg()).toFixed(),
            reason,
            ...(expires ? { expires_at: expires } : {}),
          };
          engine.createAdjustment(customer, body);
          adjustments.push({ customer, body });
          const a = model.account(customer, asset.code);
          if (sign > 0) model.credit(a, amount, purpose, expires ?? null);
          else model.debit(a, amount);
        }
      } else if (roll < 0.32) {
        const data: Record<string, string> = {};
        for (const a of ASSETS) if (random() < 0.5) data[`q_${a.code}`] = String(Math.floor(random() * 1e6));
        engine.postEvents({ customer_id: customer, events: [{ id: uuidOf(random), event_type: 'use', data }] });
        for (const a of ASSETS) {
          const q = data[`q_${a.code}`];
          if (q === undefined) continue;
          const fee = new Decimal(FEE_RATE).mul(q).div(1000).toDecimalPlaces(a.precision, Decimal.ROUND_HALF_UP);
          if (!fee.isZero()) model.debit(model.account(customer, a.code), fee);
        }
      } else if (roll < 0.45) {
        const usd = amountOf(2, 100);
        const quantity = usd.mul(model.rateAt(asset.code, nowText())).toDecimalPlaces(asset.precision, Decimal.ROUND_DOWN);
        const body = {
          customer_id: customer,
          amount: usd.toFixed(),
          currency: 'USD',
          destination: { asset: asset.code },
          return_url: 'https://example.com/ok',
          failure_url: 'https://example.com/no',
        };
        if (quantity.isZero()) {
          refused(() => engine.createTopUp(body), 422, 'validation_failed', where);
        } else {
          const t = engine.createTopUp(body);
          expect(j(t.quantity), where).toBe(j(quantity));
          model.topUps.set(t.id, { customer, asset: asset.code, quantity, expires: t.expires_at });
          const a = model.account(customer, asset.code);
          a.pending_in = a.pending_in.add(quantity);
        }
      } else if (roll < 0.55 && model.topUps.size > 0) {
        const id = pick([...model.topUps.keys()]);
        const t = model.topUps.get(id) as TopUp;
        model.topUps.delete(id);
        const a = model.account(t.customer, t.asset);
        a.pending_in = a.pending_in.sub(t.quantity);
        if (random() < 0.75) {
          engine.completeTopUp(id);
          const expires = new Date(clock());
          expires.setUTCFullYear(expires.getUTCFullYear() + 1);
          model.credit(a, t.quantity, 'paid', expires.toISOString());
        } else {
          engine.failTopUp(id);
        }
        refused(() => engine.completeTopUp(id), 409, 'conflict', where);
      } else if (roll < 0.72) {
        // a hold, sometimes replayed or changed under the same key
        const pending = [...model.holds.entries()].filter(([, h]) => h.status === 'pending');
        if (pending.length > 0 && random() < 0.15) {
          const [id, h] = pick(pending);
          if (random() < 0.5) expect(engine.createHold(h.customer, h.body).status, where).toBe('pending');
          else refused(() => engine.createHold(h.customer, { ...h.body, description: 'changed' }), 409, 'idempotency_conflict', `${where} ${id}`);
        } else {
          const a = model.account(customer, asset.code);
          const free = a.available.sub(a.pending_out);
          const amount = random() < 0.7 && free.gt(0) ? Decimal.max(free.mul(random()).toDecimalPlaces(asset.precision, Decimal.ROUND_DOWN), new Decimal(1).div(10 ** asset.precision)) : amountOf(asset.precision);
          const expires = random() < 0.6 ? new Date(clock().getTime() + Math.floor(random() * 48) * HOUR + 1).toISOString() : null;
          const id = uuidOf(random);
          const body = { hold_id: id, asset: asset.code, amount: amount.toFixed(), ...(expires ? { expires_at: expires } : {}) };
          if (amount.gt(free)) {
            refused(() => engine.createHold(customer, body), 422, 'insufficient_funds', where);
          } else {
            engine.createHold(customer, body);
            model.holds.set(id, { customer, asset: asset.code, amount, status: 'pending', expires, body });
            a.pending_out = a.pending_out.add(amount);
          }
        }
      } else if (roll < 0.85 && model.holds.size > 0) {
        const id = pick([...model.holds.keys()]);
        const h = model.holds.get(id) as Hold;
        const a = model.account(h.customer, h.asset);
        const verb = random() < 0.65 ? 'capture' : 'void';
        if (h.status !== 'pending') {
          refused(() => (verb === 'capture' ? engine.captureHold(h.customer, id, {}) : engine.voidHold(h.customer, id)), 409, 'conflict', where);
        } else if (verb === 'capture') {
          // A part of at least one cent (one TOK), never more than the hold: a hold smaller
          // than a cent is captured whole.
          const some = Decimal.max(h.amount.mul(random()).toDecimalPlaces(h.asset === 'TOK' ? 0 : 2, Decimal.ROUND_DOWN), h.asset === 'TOK' ? 1 : '0.01');
          const part = random() < 0.5 ? h.amount : Decimal.min(h.amount, some);
          engine.captureHold(h.customer, id, part.eq(h.amount) && random() < 0.5 ? {} : { amount: part.toFixed() });
          h.status = 'captured';
          a.pending_out = a.pending_out.sub(h.amount);
          model.debit(a, part);
        } else {
          engine.voidHold(h.customer, id);
          h.status = 'voided';
          a.pending_out = a.pending_out.sub(h.amount);
        }
      } else if (roll < 0.9) {
        // a scheduled rate for a custom asset
        const a = pick(ASSETS.slice(1));
        const inverse = new Decimal(Math.floor(random() * 2000) + 1).div(a.code === 'TOK' ? 1 : 8);
        const effective = new Date(clock().getTime() + Math.floor(random() * 72) * HOUR).toISOString();
        engine.addRate(a.code, { source: 'USD', inverse_rate: inverse.toFixed(), effective_at: effective });
        model.addRate(a.code, inverse, effective);
      } else if (roll < 0.98) {
        clock.advance(random() < 0.05 ? Math.floor(random() * 400 * 24) * HOUR : Math.floor(random() * 30) * HOUR);
      } else {
        engine.close();
        engine = openEngine({ path, clock });
      }
      model.settle(nowText());
      for (const account of engine.getWallet(customer).accounts) {
        const m = model.account(customer, account.asset);
        expect(`${j(account.available)} ${j(account.pending_in)} ${j(account.pending_out)}`, `${where} ${customer} ${account.id}`).toBe(
          `${j(m.available)} ${j(m.pending_in)} ${j(m.pending_out)}`,
        );
      }
      if (step % 100 === 99) {
        const a = pick(ASSETS);
        const m = model.accounts.get(`${customer} ${a.code}`);
        if (m) {
          const shown: string[] = [];
          for (let offset = 0; ; offset += 100) {
            const page = engine.listGrants(customer, `default:${a.code}`, { limit: '100', offset: String(offset) });
            for (const g of page.items) if (g.expired_at === null) shown.push(`${g.purpose} ${j(g.amount)} ${j(g.remaining)} ${g.expires_at}`);
            if (offset + 100 >= page.total_count) break;
          }
          const expected = m.grants.filter((g) => !g.expired).reverse().map((g) => `${g.purpose} ${j(g.amount)} ${j(g.remaining)} ${g.expires}`);
          expect(shown, `${where} grants of ${customer} ${a.code}`).toEqual(expected);
        }
      }
      if (step % 500 === 499) expect(engine.verify(), where).toEqual([]);
    }
    for (const customer of customers) engine.getWallet(customer);
    expect(engine.verify(), `seed ${seed} at the end`).toEqual([]);
    return steps;
  } finally {
    engine.close();
    cleanup();
  }
}

/**
 * The model-based proof, split in halves so the two files run on both cores:
 * CREDYT_MODEL_OPS (default 100,000) operations in all, in runs of CREDYT_MODEL_RUN (1,000)
 * from consecutive seeds starting at CREDYT_SEED (default random). A long run:
 *   CREDYT_MODEL_OPS=2000000 npx vitest run test/proof/model
 * A failure prints its seed and the command that replays exactly that run.
 */
export function modelSuite(part: number, parts: number): void {
  const total = Number(process.env.CREDYT_MODEL_OPS ?? 100_000);
  const mine = Math.ceil(total / parts);
  const perRun = Math.min(Number(process.env.CREDYT_MODEL_RUN ?? 1_000), mine);
  const first = Number(process.env.CREDYT_SEED ?? Math.floor(Math.random() * 2 ** 30)) + part * 1_000_000;
  describe(`ledger against a reference model, part ${part + 1} of ${parts}`, () => {
    it(`agrees for ${mine} operations (seeds from ${first})`, { timeout: Math.max(300_000, mine * 5) }, () => {
      let done = 0;
      for (let seed = first; done < mine; seed++) {
        try {
          done += runModel(seed, Math.min(perRun, mine - done));
        } catch (error) {
          console.error(
            // model-a runs half of CREDYT_MODEL_OPS from the seed given, with no offset.
            `model test failed with seed ${seed}; replay: CREDYT_SEED=${seed} CREDYT_MODEL_OPS=${perRun * parts} CREDYT_MODEL_RUN=${perRun} npx vitest run test/proof/model-a`,
          );
          throw error;
        }
      }
      expect(done).toBe(mine);
    });
  });
}
