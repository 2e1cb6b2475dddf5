import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact JWS tokens (HS256), the shape of the hosted billing portal's links (contract
 * §2.7): `base64url(header).base64url(claims).base64url(HMAC-SHA256)`. Only HS256 is
 * accepted, whatever the header says, so an `alg: none` token is just a bad signature.
 */
export type Claims = Record<string, string | number>;

export type Verified =
  | { status: 'valid'; claims: Claims }
  /** Signed by us, but past `exp`: the claims can be trusted to say where to go next. */
  | { status: 'expired'; claims: Claims }
  | { status: 'invalid' };

const HEADER = base64url(Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })));

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function mac(secret: Buffer, input: string): Buffer {
  return createHmac('sha256', secret).update(input, 'utf8').digest();
}

export function signToken(secret: Buffer, claims: Claims): string {
  const body = `${HEADER}.${base64url(Buffer.from(JSON.stringify(claims), 'utf8'))}`;
  return `${body}.${base64url(mac(secret, body))}`;
}

const PART = /^[A-Za-z0-9_-]+$/;

/** Checks the signature first, then `exp` (seconds since the epoch) against `now`. */
export function verifyToken(secret: Buffer, token: string, now: Date): Verified {
  if (typeof token !== 'string' || token.length > 8192) return { status: 'invalid' };
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => PART.test(p))) return { status: 'invalid' };
  const [header, payload, signature] = parts;
  if (header !== HEADER) return { status: 'invalid' };
  const expected = mac(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'invalid' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { status: 'invalid' };
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return { status: 'invalid' };
  const c = claims as Claims;
  if (typeof c.exp !== 'number') return { status: 'invalid' };
  return c.exp * 1000 <= now.getTime() ? { status: 'expired', claims: c } : { status: 'valid', claims: c };
}

/**
 * The anti-forgery token of a session: derived from the session's token with the secret
 * under its own label, so it is stable for the session, unknown to anyone without the
 * secret, and never the same as the link itself.
 */
export function formToken(secret: Buffer, token: string): string {
  return base64url(mac(secret, `form:${token}`));
}

/** Constant-time check of a posted anti-forgery token. */
export function checkFormToken(secret: Buffer, token: string, posted: unknown): boolean {
  if (typeof posted !== 'string') return false;
  const expected = Buffer.from(formToken(secret, token), 'utf8');
  const given = Buffer.from(posted, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A link's token checked: valid, expired (with what it names), or invalid (nothing to show). */
export type Checked<T> = { status: 'valid'; value: T } | { status: 'expired'; value: T } | { status: 'invalid' };
