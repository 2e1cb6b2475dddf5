import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/engine/index.js';
import { sandbox, serve, type Sandbox } from '../helpers/cli.js';
import { prng } from '../unit/engine/fixture.js';

/**
 * Crash proof: `credyt local serve` is killed with SIGKILL at a random moment while
 * several clients write (adjustments and holds), then restarted on the same file. Every
 * write that was acknowledged (201) must be there, nothing may be half-applied (the ledger
 * verifies: every bucket equals its replayed journal, pending_out equals open holds), and
 * `credyt local verify` passes. Rounds: CREDYT_CRASH_ROUNDS (default 20); seed: CREDYT_SEED.
 */
const ROUNDS = Number(process.env.CREDYT_CRASH_ROUNDS ?? 20);
const SEED = Number(process.env.CREDYT_SEED ?? Math.floor(Math.random() * 2 ** 30));
const WRITERS = 4;

describe('crash: SIGKILL under concurrent writes', () => {
  const box: Sandbox = sandbox();
  afterAll(() => box.cleanup());

  it(`keeps every acknowledged write across ${ROUNDS} kills (seed ${SEED})`, { timeout: 300_000 }, async () => {
    const random = prng(SEED);
    const db = join(box.dir, 'crash.db');
    const acked = new Set<string>();
    const ackedHolds = new Set<string>();
    let customer = '';
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const server = await serve(box, db);
        const headers = { 'content-type': 'application/json', 'x-credyt-api-key': server.apiKey };
        const post = async (path: string, body: unknown) => {
          const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
          await res.text();
          return res.status;
        };
        if (round === 0) {
          const res = await fetch(`${server.url}/customers`, { method: 'POST', headers, body: JSON.stringify({ name: 'Crash' }) });
          customer = ((await res.json()) as { id: string }).id;
          expect(await post(`/customers/${customer}/wallet/adjustments`, { transaction_id: randomUUID(), asset: 'USD', amount: 1_000_000, reason: 'external_topup' })).toBe(201);
        }
        let alive = true;
        const writer = async () => {
          while (alive) {
            const id = randomUUID();
            try {
              if (random() < 0.7) {
                const status = await post(`/customers/${customer}/wallet/adjustments`, { transaction_id: id, asset: 'USD', amount: '1.5', reason: 'gift' });
                if (status === 201) acked.add(id);
              } else {
                const status = await post(`/customers/${customer}/wallet/holds`, { hold_id: id, asset: 'USD', amount: '0.25' });
                if (status === 201) ackedHolds.add(id);
              }
            } catch {
              return; // the server is gone
            }
          }
        };
        const before = acked.size + ackedHolds.size;
        const writers = Array.from({ length: WRITERS }, writer);
        // Every round kills a server that has acknowledged something, however slowly a busy
        // machine lets it start: then at a random moment after that.
        for (const deadline = Date.now() + 30_000; acked.size + ackedHolds.size === before && Date.now() < deadline; ) {
          await new Promise((r) => setTimeout(r, 5));
        }
        await new Promise((r) => setTimeout(r, 30 + Math.floor(random() * 250)));
        const exited = new Promise((r) => server.child.once('exit', r));
        server.child.kill('SIGKILL');
        alive = false;
        await exited;
        await Promise.all(writers);

        const engine = openEngine({ path: db });
        try {
          expect(engine.verify(), `round ${round} (seed ${SEED})`).toEqual([]);
        } finally {
          engine.close();
        }
        const check = new Database(db, { readonly: true });
        try {
          const has = check.prepare('SELECT count(*) FROM adjustments WHERE id = ?').pluck();
          const missing = [...acked].filter((id) => has.get(id) === 0);
          expect(missing, `acknowledged adjustments lost in round ${round} (seed ${SEED})`).toEqual([]);
          const hold = check.prepare('SELECT count(*) FROM holds WHERE id = ?').pluck();
          expect([...ackedHolds].filter((id) => hold.get(id) === 0), `round ${round}`).toEqual([]);
          // Nothing half-applied: every adjustment has its entry, every entry its adjustment.
          const orphans = check
            .prepare(
              `SELECT count(*) FROM journal_entries e WHERE e.kind = 'adjustment' AND NOT EXISTS (SELECT 1 FROM adjustments a WHERE a.id = e.reference)`,
            )
            .pluck()
            .get();
          expect(orphans).toBe(0);
        } finally {
          check.close();
        }
      }
      const verified = await box.run(['local', 'verify', '--db', db, '-o', 'json']);
      expect(verified.code, verified.stderr).toBe(0);
      expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, violations: [] });
      expect(acked.size + ackedHolds.size).toBeGreaterThanOrEqual(ROUNDS);
    } catch (error) {
      console.error(`crash test failed with seed ${SEED}; replay: CREDYT_SEED=${SEED} npx vitest run test/proof/crash`);
      throw error;
    }
  });
});
