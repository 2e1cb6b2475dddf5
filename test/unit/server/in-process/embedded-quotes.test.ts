import { describe, expect, it } from 'vitest';
import type { TransportRequest } from '../../../../src/client/transport.js';
import { both, laneSuite, ok } from './lanes-fixture.js';

// `POST /assets/{code}/quote` straight from the engine (lanes.ts), against the app's answers.

describe('embedded quotes lane', () => {
  const suite = laneSuite();
  const quote = (code: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }): TransportRequest => ({
    method: 'POST',
    path: `/assets/${code}/quote`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers,
  });

  it('answers quotes and refusals as the app does', async () => {
    const t = await suite.lanes(async (seed) => {
      await ok(seed, { method: 'POST', path: '/assets', body: JSON.stringify({ code: 'TOK', name: 'Tok', precision: 0, rates: [{ source: 'USD', inverse_rate: 42 }] }) });
      await ok(seed, { method: 'POST', path: '/assets', body: '{"code":"FINE","name":"Fine","precision":18,"rates":[{"source":"USD","rate":0.123456789012345678}]}' });
    });
    const good = await both(t, quote('TOK', { source: 'USD', amount: 100 }));
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ quantity: 4200 });
    await both(t, quote('tok', { source: 'usd', amount: 1 }));
    await both(t, quote('FINE', '{"source":"USD","amount":1000000000000000}'));
    // Refused: precision of the paid currency, unknown asset, unknown source, no body.
    expect((await both(t, quote('TOK', '{"source":"USD","amount":0.30000000000000004}'))).status).toBe(422);
    expect((await both(t, quote('NOPE', { source: 'USD', amount: 1 }))).status).toBe(404);
    expect((await both(t, quote('TOK', { source: 'XXX', amount: 1 }))).status).toBe(422);
    expect((await both(t, quote('TOK', ''))).status).toBe(422);
    // Left to the app: not JSON, a query string, another content type.
    expect((await both(t, quote('TOK', '{"source":'))).status).toBe(400);
    expect((await both(t, { ...quote('TOK', { source: 'USD', amount: 1 }), path: '/assets/TOK/quote?x=1' })).status).toBe(200);
    expect((await both(t, quote('TOK', { source: 'USD', amount: 1 }, { 'content-type': 'text/plain' }))).status).toBe(200);
  });
});
