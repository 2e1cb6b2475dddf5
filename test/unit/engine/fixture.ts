import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { openEngine, EngineError, type Engine } from '../../../src/engine/index.js';
import { stringifyJson } from '../../../src/json/write.js';

/** A clock that only moves when told to. */
export interface TestClock {
  (): Date;
  advance(ms: number): void;
  set(iso: string): void;
}

export function testClock(start = '2026-01-01T00:00:00.000Z'): TestClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as TestClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (iso) => {
    now = new Date(iso).getTime();
  };
  return clock;
}

export const HOUR = 3_600_000;

export function memoryEngine(clock: TestClock = testClock()): Engine {
  return openEngine({ path: ':memory:', clock });
}

/** A fresh directory for database files; removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'credyt-engine-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const uuid = (): string => randomUUID();

/** The exact JSON the server would send for a value. */
export const json = (value: unknown): string => stringifyJson(value);

/** Runs `fn`, expecting an EngineError with this status and code; returns it. */
export function engineError(fn: () => unknown, status: number, code?: string): EngineError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    const e = error as EngineError;
    expect({ status: e.status, code: e.code, detail: e.detail }).toMatchObject({ status, ...(code ? { code } : {}) });
    return e;
  }
  throw new Error(`expected an EngineError ${status}, but nothing was thrown`);
}

/** A customer with a USD balance, ready for wallet tests. */
export function customerOf(engine: Engine, name = 'Acme AI', externalId?: string): string {
  return engine.createCustomer({ name, ...(externalId ? { external_id: externalId } : {}) }).id;
}

export function topUpBody(customerId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customer_id: customerId,
    amount: '10',
    currency: 'USD',
    return_url: 'https://app.example.com/ok',
    failure_url: 'https://app.example.com/failed',
    ...extra,
  };
}

export interface JournalEntry {
  id: number;
  kind: string;
  reference: string;
  rounding: string | null;
  postings: string[];
}

/** The journal as `account bucket amount` lines, read through a second connection. */
export function readJournal(path: string): JournalEntry[] {
  const db = new Database(path, { readonly: true });
  try {
    const entries = db.prepare('SELECT id, kind, reference, rounding FROM journal_entries ORDER BY id').all() as JournalEntry[];
    const postings = db
      .prepare(
        `SELECT p.entry_id, ifnull(a.customer_id, 'platform') AS owner, a.name, a.asset, p.bucket, p.amount
         FROM journal_postings p JOIN accounts a ON a.seq = p.account_seq ORDER BY p.id`,
      )
      .all() as { entry_id: number; owner: string; name: string; asset: string; bucket: string; amount: string }[];
    for (const entry of entries) {
      entry.postings = postings
        .filter((p) => p.entry_id === entry.id)
        .map((p) => `${p.owner === 'platform' ? 'platform' : 'customer'}:${p.name}:${p.asset} ${p.bucket} ${p.amount}`);
    }
    return entries;
  } finally {
    db.close();
  }
}

/** An engine on a temporary file, for tests that look at the database from outside. */
export function fileEngine(clock: TestClock = testClock()): { engine: Engine; path: string; cleanup: () => void } {
  const tmp = tempDir();
  const path = join(tmp.dir, 'credyt.db');
  const engine = openEngine({ path, clock });
  return {
    engine,
    path,
    cleanup: () => {
      engine.close();
      tmp.cleanup();
    },
  };
}

/** mulberry32: small, seedable, good enough to pick operations (proof and property tests). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Publishes product `meter` (one volume price per asset on event `use`, each reading its
 * own field `q_<code>`, `feeRate` per 1,000: fees round in every precision) and returns
 * three customers subscribed to it.
 */
export function meterCustomers(engine: Engine, assets: readonly { code: string }[], feeRate: string): string[] {
  engine.createProduct({
    code: 'meter',
    name: 'Meter',
    publish: true,
    prices: assets.map((a) => ({
      type: 'usage_based',
      usage_calculation: { event_type: 'use', usage_type: 'volume', volume_field: `q_${a.code}` },
      pricing: [{ asset: a.code, values: [{ volume_rate: feeRate, package_size: 1000 }] }],
    })),
  });
  return [0, 1, 2].map((i) => engine.createCustomer({ name: `c${i}`, subscriptions: [{ products: [{ code: 'meter' }] }] }).id);
}
