import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Credyt-Signature` (docs/webhooks.md): `t=<unix seconds>,v0=<hex>`, v0 being
 * HMAC-SHA256 over `"<t>.<raw body>"`. Credyt does not say whether the `whsec_` prefix is
 * part of the key; our reading is that the key is the secret string exactly as returned
 * (UTF-8, prefix included).
 */
export const SIGNATURE_HEADER = 'Credyt-Signature';

/** Five minutes either way, as Stripe's and Svix's receivers default to. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmacHex(secret: string, timestamp: number, body: string | Buffer): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${timestamp}.`, 'utf8')
    .update(body)
    .digest('hex');
}

/** The header value for `body` sent at `timestamp` (unix seconds). */
export function signPayload(secret: string, body: string | Buffer, timestamp: number): string {
  return `t=${timestamp},v0=${hmacHex(secret, timestamp, body)}`;
}

export type SignatureProblem = 'malformed' | 'mismatch' | 'stale';

export type SignatureVerdict = { ok: true; timestamp: number } | { ok: false; problem: SignatureProblem; reason: string };

/** `t` and every `v0` of a header; other members (later schemes) are ignored. */
function parseHeader(header: string): { timestamp: number; signatures: string[] } | string {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.trim().split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) return `"${part.trim()}" is not key=value`;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return `t "${value}" is not unix seconds`;
      timestamp = Number(value);
    } else if (key === 'v0') {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return `v0 "${value}" is not 64 hex digits`;
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === undefined) return 'it has no t=';
  if (signatures.length === 0) return 'it has no v0=';
  return { timestamp, signatures };
}

export interface VerifyOptions {
  secret: string;
  /** The `Credyt-Signature` header as received. */
  header: string;
  /** The raw body, byte for byte as received. */
  body: string | Buffer;
  /** Now, in unix seconds. */
  now: number;
  toleranceSeconds?: number;
}

/** Checks a received delivery: the header's form, then the HMAC (constant time), then its age. */
export function verifySignature(options: VerifyOptions): SignatureVerdict {
  const parsed = parseHeader(options.header);
  if (typeof parsed === 'string') return { ok: false, problem: 'malformed', reason: `malformed signature header: ${parsed}` };
  const expected = Buffer.from(hmacHex(options.secret, parsed.timestamp, options.body), 'hex');
  const match = parsed.signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  if (!match) return { ok: false, problem: 'mismatch', reason: 'bad signature: no v0 matches this body and secret' };
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const age = options.now - parsed.timestamp;
  if (Math.abs(age) > tolerance) {
    const when = age > 0 ? `${age} s old` : `${-age} s in the future`;
    return { ok: false, problem: 'stale', reason: `signature too old: t=${parsed.timestamp} is ${when} (tolerance ${tolerance} s)` };
  }
  return { ok: true, timestamp: parsed.timestamp };
}
