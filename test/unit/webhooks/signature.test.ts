import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from '../../../src/webhooks/signature.js';

const secret = 'whsec_0123456789abcdefghjkmnpqrstvwxyz0123456789abcdefgh';
const body = '{"id":"evt_1","type":"hold.voided","created":"2026-01-01T00:00:00.000Z","live_mode":false,"data":{"amount":1.50}}';
const t = 1_767_225_600;

describe('Credyt-Signature', () => {
  it('is t=<unix s>,v0=HMAC-SHA256 keyed with the whole secret string over "<t>.<body>"', () => {
    const header = signPayload(secret, body, t);
    const hex = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(header).toBe(`t=${t},v0=${hex}`);
    expect(header).toMatch(/^t=[0-9]+,v0=[0-9a-f]{64}$/);
  });

  it('accepts a fresh signature, with other members and several v0 in the header', () => {
    const header = signPayload(secret, body, t);
    expect(verifySignature({ secret, header, body, now: t + 10 })).toEqual({ ok: true, timestamp: t });
    const v0 = header.split('v0=')[1];
    const rotated = `t=${t},v0=${'0'.repeat(64)},v0=${v0},v1=whatever`;
    expect(verifySignature({ secret, header: rotated, body: Buffer.from(body), now: t }).ok).toBe(true);
  });

  it('rejects a changed body, a changed timestamp, another secret, and a stale one', () => {
    const header = signPayload(secret, body, t);
    const verdict = (h: string, b = body, now = t, s = secret) => verifySignature({ secret: s, header: h, body: b, now });
    expect(verdict(header, body.replace('1.50', '1.5'))).toMatchObject({ ok: false, problem: 'mismatch' });
    expect(verdict(header.replace(`t=${t}`, `t=${t + 1}`), body, t + 1)).toMatchObject({ ok: false, problem: 'mismatch' });
    expect(verdict(header, body, t, secret.slice('whsec_'.length))).toMatchObject({ ok: false, problem: 'mismatch' });
    expect(verdict(header, body, t + 301)).toMatchObject({ ok: false, problem: 'stale', reason: expect.stringContaining('301 s old') });
    expect(verifySignature({ secret, header, body, now: t + 1000, toleranceSeconds: 1000 }).ok).toBe(true);
  });

  it('names what is wrong with a malformed header', () => {
    const bad = (header: string) => verifySignature({ secret, header, body, now: t });
    expect(bad('')).toMatchObject({ problem: 'malformed' });
    expect(bad('v0=' + 'a'.repeat(64))).toMatchObject({ problem: 'malformed', reason: expect.stringContaining('no t=') });
    expect(bad(`t=${t}`)).toMatchObject({ problem: 'malformed', reason: expect.stringContaining('no v0=') });
    expect(bad(`t=yesterday,v0=${'a'.repeat(64)}`)).toMatchObject({ problem: 'malformed' });
    expect(bad(`t=${t},v0=abc`)).toMatchObject({ problem: 'malformed', reason: expect.stringContaining('64 hex') });
  });
});
