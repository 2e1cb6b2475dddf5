import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, vi } from 'vitest';
import { createEmbeddedTransport } from '../../../../src/server/in-process/embedded-transport.js';
import type { Transport, TransportRequest, TransportResponse } from '../../../../src/client/transport.js';
import { tempDir } from '../../engine/fixture.js';

// The embedded transport answers some requests straight from the engine (direct-lane.ts);
// every answer must be the app's, byte for byte. Two copies of one seeded database get the
// same requests, one through the direct lanes and one through fastify's inject.

export const clock = () => new Date('2026-03-01T12:00:00.000Z');

export async function ok(transport: Transport, req: TransportRequest): Promise<Record<string, unknown>> {
  const res = await transport.request(req);
  if (res.status >= 300) throw new Error(`${req.path} → ${res.status} ${res.body}`);
  return JSON.parse(res.body) as Record<string, unknown>;
}

/** The response as compared: the Date header's value is the only thing allowed to differ. */
const exact = (res: TransportResponse) =>
  JSON.stringify({ status: res.status, headers: { ...res.headers, date: res.headers.date ? 'date' : 'none' }, body: res.body });

export interface Lanes {
  direct: Transport;
  app: Transport;
  directPath: string;
  /** Closes the transports and removes the files. */
  close(): Promise<void>;
}

/** Two transports on copies of the ledger `seed` makes: direct lanes and the app alone. */
export async function twoLanes(seed: (transport: Transport) => Promise<void>): Promise<Lanes> {
  const tmp = tempDir();
  const seedPath = join(tmp.dir, 'seed.db');
  const seeding = createEmbeddedTransport({ dbPath: seedPath, clock });
  await seed(seeding);
  await seeding.close();
  const directPath = join(tmp.dir, 'direct.db');
  copyFileSync(seedPath, directPath);
  copyFileSync(seedPath, join(tmp.dir, 'app.db'));
  const direct = createEmbeddedTransport({ dbPath: directPath, clock });
  const app = createEmbeddedTransport({ dbPath: join(tmp.dir, 'app.db'), clock, directLanes: false });
  return {
    direct,
    app,
    directPath,
    async close() {
      await direct.close();
      await app.close();
      tmp.cleanup();
    },
  };
}

/** Sends the request through both; the two answers must be the same bytes. */
export async function both(t: Pick<Lanes, 'direct' | 'app'>, req: TransportRequest): Promise<TransportResponse> {
  const viaApp = await t.app.request(req);
  const viaDirect = await t.direct.request(req);
  expect(exact(viaDirect)).toBe(exact(viaApp));
  return viaDirect;
}

/**
 * For a describe block: `lanes(seed)` opens two lanes on a seeded ledger, `reader(path)`
 * another transport on a file; all closed (and mocks restored) after each test.
 */
export function laneSuite() {
  const open: Transport[] = [];
  let current: Lanes | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const t of open.splice(0)) await t.close();
    await current?.close();
    current = undefined;
  });
  return {
    async lanes(seed: (transport: Transport) => Promise<void>): Promise<Lanes> {
      current = await twoLanes(seed);
      return current;
    },
    reader(dbPath: string): Transport {
      const transport = createEmbeddedTransport({ dbPath, clock });
      open.push(transport);
      return transport;
    },
  };
}
