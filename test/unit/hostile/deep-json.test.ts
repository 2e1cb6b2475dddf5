import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/server/app.js';
import { openEngine } from '../../../src/engine/index.js';
import { JsonDepthError, assertJsonDepth, assertValueDepth } from '../../../src/json/depth.js';
import { tempDir, testClock } from '../engine/fixture.js';
import { testApp } from '../server/app-fixture.js';

const nested = (depth: number, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
const pointerOf = (text: string) => {
  try {
    assertJsonDepth(text);
  } catch (error) {
    expect(error).toBeInstanceOf(JsonDepthError);
    return (error as JsonDepthError).pointer;
  }
  return undefined;
};

describe('assertJsonDepth', () => {
  it('lets 64 levels through and names the 65th by its JSON pointer', () => {
    expect(pointerOf(nested(64))).toBeUndefined();
    expect(pointerOf(nested(65))).toBe('/a'.repeat(64));
    expect(pointerOf('[' + '['.repeat(64) + ']'.repeat(64) + ']')).toBe('/0'.repeat(64));
    expect(pointerOf(`{"x":[1,2,{"a/b~":${nested(63)}}]}`)).toBe('/x/2/a~1b~0' + '/a'.repeat(61));
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(pointerOf(`{"s":"${'['.repeat(500)}\\"${'{'.repeat(500)}"}`)).toBeUndefined();
  });

  it('checks parsed YAML values the same way', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { k: deep };
    expect(() => assertValueDepth(deep)).toThrow(/deeper than 64 levels at \/k\/k/);
    expect(() => assertValueDepth({ a: [[1]] })).not.toThrow();
  });
});

describe('deep request bodies', () => {
  it('refuses POST /events nested 5,000 deep with a 400 naming the place, and reads stay 200', async () => {
    const t = testApp();
    await t.call('POST', '/customers', { name: 'C', external_id: 'c' });
    const body = `{"customer_external_id":"c","events":[{"id":"${randomUUID()}","event_type":"x","occurred_at":"2026-01-01T00:00:00Z","data":${nested(5000)}}]}`;
    const posted = await t.call('POST', '/events', body);
    expect(posted.status).toBe(400);
    expect(posted.headers['content-type']).toMatch(/^application\/json/);
    expect(posted.body.code).toBe('bad_request');
    expect(posted.body.pointer).toBe('/events/0/data' + '/a'.repeat(61));
    expect(posted.body.detail).toContain('nests deeper than 64 levels at /events/0/data/a/a');
    expect((await t.call('GET', '/events')).status).toBe(200);
  });
});

describe('a deep row stored before the limit', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('is still answered by GET /events, the event and the portal page', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'deep.db');
    const clock = testClock();
    let engine = openEngine({ path, clock });
    let app = createApp({ engine, requireApiKey: false });
    const customer = JSON.parse((await app.inject({ method: 'POST', url: '/customers', payload: { name: 'C', external_id: 'c' } })).body);
    const id = randomUUID();
    const body = { customer_external_id: 'c', events: [{ id, event_type: 'x', occurred_at: '2026-01-01T00:00:00Z', data: { a: 1 } }] };
    expect((await app.inject({ method: 'POST', url: '/events', payload: body })).statusCode).toBe(201);
    await app.close();
    engine.close();

    // What an older version let in: nested far deeper than any recursive writer survives.
    const deep = nested(20_000, '[1.50,"x"]');
    const db = new Database(path);
    db.exec('DROP TRIGGER events_no_update');
    db.prepare('UPDATE events SET data = ? WHERE id = ?').run(deep, id);
    db.exec("CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are immutable'); END;");
    db.close();

    engine = openEngine({ path, clock });
    app = createApp({ engine, requireApiKey: false });
    const list = await app.inject({ method: 'GET', url: '/events' });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`"data":${nested(20_000, '[1.5,"x"]')}`);
    const one = await app.inject({ method: 'GET', url: `/events/${id}` });
    expect(one.statusCode).toBe(200);
    const session = await app.inject({
      method: 'POST',
      url: '/billing-portal/sessions',
      payload: { customer_id: customer.id, return_url: 'https://a/ok', failure_url: 'https://a/no' },
    });
    const portal = new URL(JSON.parse(session.body).redirect_url);
    expect((await app.inject({ method: 'GET', url: portal.pathname + portal.search })).statusCode).toBe(200);
    // verify names the row, so an operator can find what older versions let in.
    expect(engine.verify()).toEqual([
      { invariant: 'json_depth', table: 'events', id, detail: `event ${id} data: JSON nests deeper than 64 levels at ${'/a'.repeat(64)}` },
    ]);
    await app.close();
    engine.close();
  });
});
