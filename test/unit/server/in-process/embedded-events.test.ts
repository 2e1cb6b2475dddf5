import { describe, expect, it, vi } from 'vitest';
import { scanEventsAnswer } from '../../../../src/json/events-answer.js';
import type { Transport, TransportRequest, TransportResponse } from '../../../../src/client/transport.js';
import { CommitFailed } from '../../../../src/engine/index.js';
import { CommitGroups } from '../../../../src/engine/store/group-commit.js';
import { uuid } from '../../engine/fixture.js';
import { both as sameAnswer, laneSuite, ok } from './lanes-fixture.js';

// `POST /events` straight from the engine (lanes.ts), against the app's answers.

const price = (field: string, rate: number) => ({
  name: field,
  type: 'usage_based',
  billing_model: { type: 'real_time' },
  usage_calculation: { event_type: 'response_completed', usage_type: 'volume', volume_field: field },
  pricing: [{ asset: 'USD', values: [{ volume_rate: rate, package_size: 1000000 }] }],
});

describe('embedded POST /events lane', () => {
  const suite = laneSuite();

  /** Two transports on copies of one ledger with a subscribed customer: direct lane and app. */
  async function lanes() {
    let customerId = '';
    const body = (value: unknown) => JSON.stringify(value);
    const opened = await suite.lanes(async (seed) => {
      await ok(seed, { method: 'POST', path: '/products', body: body({ code: 'chat_api', name: 'Chat', prices: [price('input_tokens', 1.25), price('output_tokens', 10)], publish: true }) });
      const customer = await ok(seed, {
        method: 'POST',
        path: '/customers',
        body: body({ name: 'Acme', external_id: 'acme', subscriptions: [{ products: [{ code: 'chat_api' }] }] }),
      });
      customerId = customer.id as string;
    });
    return { ...opened, customerId };
  }

  /** Sends the request through both (the same bytes), and checks what a bulk run reads of the events. */
  async function both(t: { direct: Transport; app: Transport }, req: TransportRequest): Promise<TransportResponse> {
    const viaDirect = await sameAnswer(t, req);
    // What a bulk run reads instead of scanning the text: the same ids, statuses and fee text.
    const { events } = viaDirect;
    if (events) {
      expect(viaDirect.status).toBe(201);
      // The lane leaves `billed` out: a bulk run reads it from each event's fees instead.
      const scan = scanEventsAnswer(viaDirect.body, true);
      expect(scan).toBeDefined();
      const { billed, ...scanned } = scan!;
      expect(scanned).toEqual(events);
      expect(billed).toEqual(events.fees.map((fees) => fees !== '[]'));
    }
    return viaDirect;
  }

  const post = (body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }): TransportRequest => ({
    method: 'POST',
    path: '/events',
    body,
    headers,
  });
  const event = (extra: Record<string, unknown> = {}) => ({
    id: uuid(),
    event_type: 'response_completed',
    data: { input_tokens: 1200, output_tokens: 345 },
    ...extra,
  });

  it('answers good, duplicate, conflicting, invalid and mixed batches as the app does', async () => {
    const t = await lanes();
    const first = [event(), event({ data: { input_tokens: 12345678901234567, output_tokens: 1.5 } }), event({ subject: 'r1' })];
    const good = await both(t, post(JSON.stringify({ customer_id: t.customerId, events: first })));
    expect(good.status).toBe(201);
    expect(good.body).toContain('"status":"accepted"');
    expect(good.events?.statuses).toEqual(['accepted', 'accepted', 'accepted']);

    const again = await both(t, post(JSON.stringify({ customer_id: t.customerId, events: first })));
    expect(again.body).toContain('"status":"duplicate"');
    expect(again.body).not.toContain('"accepted"');

    // New events, a duplicate, a conflict (same id, other data), a second copy within the batch.
    const fresh = event({ occurred_at: '2026-03-01T11:00:00+01:00' });
    const mixed = [event(), first[0], { ...first[2], data: { input_tokens: 1 } }, fresh, fresh, event({ data: {} })];
    const answer = await both(t, post(JSON.stringify({ customer_external_id: 'acme', events: mixed })));
    for (const status of ['accepted', 'duplicate', 'conflict']) expect(answer.body).toContain(`"status":"${status}"`);

    // Refused: a quantity that is no number, an id that is no UUID, too far in the future.
    const invalid = [event(), event({ data: { input_tokens: 'lots' } }), event({ id: 'nope' }), event({ occurred_at: '2026-03-09T00:00:00Z' })];
    const refused = await both(t, post(JSON.stringify({ customer_id: t.customerId, events: invalid })));
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await both(t, post(JSON.stringify({ customer_id: 'cust_nobody', events: [event()] })))).status).toBe(404);
    expect((await both(t, post(JSON.stringify({ events: [event()] })))).status).toBe(422);
    expect((await both(t, post('{"events":[]}'))).status).toBe(422);
    expect((await both(t, post(''))).status).toBe(422);
    expect((await both(t, post('  \n'))).status).toBe(422);
    // Taken by the app (nothing written): not JSON, another content type, a query string.
    expect((await both(t, post('{"customer_id":'))).status).toBe(400);
    expect((await both(t, post('{"events":[1]}', { 'content-type': 'text/plain' }))).status).toBe(422);
    expect((await both(t, { ...post(JSON.stringify({ customer_id: t.customerId, events: [event()] })), path: '/events?x=1' })).status).toBe(201);
    // Over the app's 10 MiB limit (in UTF-8 bytes, not characters).
    const tooLarge = `{"events":[${'"é",'.repeat(2_400_000)}1]}`;
    expect(tooLarge.length).toBeLessThan(10 * 1024 * 1024);
    expect((await both(t, post(tooLarge))).status).toBe(413);

    // Both ledgers hold the same events and balances.
    const list = { method: 'GET', path: '/events?limit=100' } as const;
    expect((await both(t, list)).body).toBe((await t.app.request(list)).body);
    await both(t, { method: 'GET', path: `/customers/${t.customerId}/wallet` });
  });

  it('answers Prefer: return=minimal as the app does: ids, statuses, billed', async () => {
    const t = await lanes();
    const events = [event(), event({ event_type: 'unpriced' })];
    const headers = { 'Content-Type': 'application/json', Prefer: 'return=minimal' };
    const minimal = await sameAnswer(t, post(JSON.stringify({ customer_id: t.customerId, events }), headers));
    expect(minimal.status).toBe(201);
    expect(minimal.headers['preference-applied']).toBe('return=minimal');
    expect(minimal.body).toBe(`{"events":[{"id":"${events[0]!.id}","status":"accepted","billed":true},{"id":"${events[1]!.id}","status":"accepted","billed":false}]}`);
    // What a bulk run reads of it is what the lane hands over.
    expect(scanEventsAnswer(minimal.body, false)?.billed).toEqual(minimal.events!.fees.map((fees) => fees !== '[]'));
  });

  it('holds the answer for the commit, and answers 503 as the app does when the commit fails', async () => {
    const t = await lanes();
    const body = () => post(JSON.stringify({ customer_id: t.customerId, events: [event(), event()] }));
    vi.spyOn(CommitGroups.prototype, 'settled').mockRejectedValue(new CommitFailed(new Error('disk I/O error')));
    const failed = await both(t, body());
    expect(failed.status).toBe(503);
    expect(failed.body).toContain('Not applied: the write transaction could not commit: disk I/O error; retry the request');
    vi.restoreAllMocks();

    // A settled commit: the answer comes after the rows are on disk (a second transport sees them).
    const req = body();
    const answer = await t.direct.request(req);
    expect(answer.status).toBe(201);
    const id = (JSON.parse(req.body as string) as { events: { id: string }[] }).events[0].id;
    const reader = suite.reader(t.directPath);
    expect((await reader.request({ method: 'GET', path: `/events/${id}` })).status).toBe(200);
  });
});
