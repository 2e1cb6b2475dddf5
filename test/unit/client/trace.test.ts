import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../src/config/mask-key.js';
import { traceTransport } from '../../../src/client/trace.js';
import type { Transport } from '../../../src/client/transport.js';

const KEY = 'key_local_abcdefghijklmnopqrstuvwxyz234567';

describe('redactSecrets', () => {
  it('masks the given keys, key-shaped strings and secret members', () => {
    expect(redactSecrets(`x-credyt-api-key: ${KEY}`, [KEY])).toBe('x-credyt-api-key: key_…4567');
    expect(redactSecrets('token sk_live_51HxYzABCDEFGHIJ used')).toBe('token sk_…GHIJ used');
    expect(redactSecrets('{"api_key":"plain-secret-without-prefix","name":"x"}')).toBe('{"api_key":"[redacted]","name":"x"}');
    expect(redactSecrets('{"password": "hunter2"}')).toBe('{"password": "[redacted]"}');
  });
});

describe('traceTransport', () => {
  it('writes method, URL, status, time and both bodies, without the key', async () => {
    let text = '';
    let t = 0;
    const inner: Transport = {
      kind: 'embedded',
      request: async () => ({ status: 201, headers: { 'content-type': 'application/json' }, body: `{"id":"cust_1","api_key":"${KEY}"}` }),
      close: async () => {},
    };
    const traced = traceTransport(inner, { sink: { write: (s: string) => (text += s) }, secrets: [KEY], now: () => (t += 7) });
    const res = await traced.request({ method: 'POST', path: '/customers', body: '{"name":"Ada"}', headers: { 'X-CREDYT-API-KEY': KEY, 'User-Agent': 'x' } });
    expect(res.status).toBe(201);
    expect(text).not.toContain(KEY);
    expect(text).toContain('[debug] > POST embedded:/customers');
    expect(text).toContain('[debug] > x-credyt-api-key: key_…4567');
    expect(text).toContain('[debug] > {"name":"Ada"}');
    expect(text).toContain('[debug] < 201 POST embedded:/customers in 7 ms');
    expect(text).toContain('[debug] < {"id":"cust_1","api_key":"[redacted]"}');
    expect(text).not.toContain('user-agent');
  });

  it('passes a bulk run\'s notice on to the transport it wraps, and takes one without it', () => {
    let told = 0;
    const sink = { write: () => {} };
    const request = async () => ({ status: 200, headers: {}, body: '' });
    const close = async () => {};
    traceTransport({ kind: 'http', request, close, expectMany: () => void told++ }, { sink, secrets: [] }).expectMany?.();
    expect(told).toBe(1);
    expect(() => traceTransport({ kind: 'embedded', request, close }, { sink, secrets: [] }).expectMany?.()).not.toThrow();
  });
});
