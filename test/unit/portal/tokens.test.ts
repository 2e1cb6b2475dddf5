import { describe, expect, it } from 'vitest';
import { checkFormToken, formToken, signToken, verifyToken } from '../../../src/engine/portal/portal-tokens.js';
import { escapeHtml, html } from '../../../src/server/pages/html.js';
import { money } from '../../../src/server/pages/format.js';
import { Decimal } from '../../../src/money/decimal.js';

const secret = Buffer.alloc(32, 7);
const now = new Date('2026-01-01T00:00:00.000Z');
const exp = now.getTime() / 1000 + 600;

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('portal tokens (HS256)', () => {
  it('signs a three-part token whose claims read back', () => {
    const token = signToken(secret, { customer_id: 'cust_1', exp });
    expect(token.split('.')).toHaveLength(3);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(verifyToken(secret, token, now)).toEqual({ status: 'valid', claims: { customer_id: 'cust_1', exp } });
  });

  it('is expired at exp, and still says whose it was', () => {
    const token = signToken(secret, { customer_id: 'cust_1', exp });
    expect(verifyToken(secret, token, new Date(exp * 1000 - 1)).status).toBe('valid');
    expect(verifyToken(secret, token, new Date(exp * 1000))).toEqual({ status: 'expired', claims: { customer_id: 'cust_1', exp } });
  });

  it('refuses a changed payload, another secret, alg none and junk', () => {
    const token = signToken(secret, { customer_id: 'cust_1', exp });
    const [header, , signature] = token.split('.');
    const forged = `${header}.${b64({ customer_id: 'cust_2', exp })}.${signature}`;
    expect(verifyToken(secret, forged, now).status).toBe('invalid');
    expect(verifyToken(Buffer.alloc(32, 8), token, now).status).toBe('invalid');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ customer_id: 'cust_1', exp })}.`;
    expect(verifyToken(secret, none, now).status).toBe('invalid');
    for (const junk of ['', 'a.b', 'a.b.c.d', `${token}x`, token.slice(0, -2), 'é.é.é']) {
      expect(verifyToken(secret, junk, now).status, junk).toBe('invalid');
    }
  });

  it('refuses a token without a numeric exp, even when signed', () => {
    expect(verifyToken(secret, signToken(secret, { customer_id: 'c' }), now).status).toBe('invalid');
    expect(verifyToken(secret, signToken(secret, { exp: String(exp) }), now).status).toBe('invalid');
  });

  it('derives a form token per session that only the secret can make', () => {
    const a = signToken(secret, { n: 1, exp });
    const b = signToken(secret, { n: 2, exp });
    expect(formToken(secret, a)).not.toBe(formToken(secret, b));
    expect(formToken(secret, a)).not.toContain(a.split('.')[2]);
    expect(checkFormToken(secret, a, formToken(secret, a))).toBe(true);
    expect(checkFormToken(secret, a, formToken(secret, b))).toBe(false);
    expect(checkFormToken(secret, a, undefined)).toBe(false);
    expect(checkFormToken(secret, a, '')).toBe(false);
    expect(checkFormToken(Buffer.alloc(32, 1), a, formToken(secret, a))).toBe(false);
  });
});

describe('page HTML', () => {
  it('escapes every interpolated value, nested or not', () => {
    const name = `<script>alert(1)</script> & "quotes" 'too'`;
    expect(escapeHtml(name)).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;');
    const out = html`<p title="${name}">${[name, html`<b>${name}</b>`]}</p>`.text;
    expect(out).not.toContain('<script>');
    expect(out).toContain('<b>&lt;script&gt;');
    expect(out).toContain('title="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39;"');
  });

  it('formats amounts at the asset precision, grouped, without floats', () => {
    expect(money(new Decimal('993450234'), 0)).toBe('993,450,234');
    expect(money(new Decimal('14.566678'), 6)).toBe('14.566678');
    expect(money(new Decimal('1234567.5'), 2)).toBe('1,234,567.50');
    expect(money(new Decimal('-1000.123456789012345678'), 6)).toBe('-1,000.123456789012345678');
    expect(money(new Decimal('123456789012345678'), 0)).toBe('123,456,789,012,345,678');
  });
});
