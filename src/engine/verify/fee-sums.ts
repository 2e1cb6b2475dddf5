import { Decimal, decimalText } from '../../money/decimal.js';
import { parseJsonDecimal } from '../../json/parse.js';
import { parseExactJson } from '../../json/fast-parse.js';

/**
 * Exact sums of fee amounts for verify, fast enough for a million events: amounts as
 * BigInt at 36 decimal places (no asset has more than 18), and an event's stored fees
 * read by a pattern over the JSON the engine writes (price-index.ts: `"asset":"USD",
 * "amount":0.00125,` in each fee; dimension values are always strings, so no other
 * `"amount":<number>` can appear), falling back to the exact JSON parser for anything
 * else. Measured at 200,000 events: the full parse cost 15 µs an event.
 */
export type Sums = Map<string, bigint>;

const PLACES = 36;
const NUMBER = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A canonical decimal text as BigInt units of 10^-36; undefined if it is not one. */
export function units(text: string): bigint | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  if (fraction.length > PLACES) return undefined;
  const value = BigInt(m[2] + fraction.padEnd(PLACES, '0'));
  return m[1] === '-' ? -value : value;
}

export function unitsText(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(PLACES + 1, '0');
  const whole = digits.slice(0, -PLACES);
  const fraction = digits.slice(-PLACES).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function add(sums: Sums, asset: string, amount: bigint): void {
  if (amount !== 0n) sums.set(asset, (sums.get(asset) ?? 0n) + amount);
}

export function same(a: Sums, b: Sums): boolean {
  for (const [asset, v] of a) if ((b.get(asset) ?? 0n) !== v) return false;
  for (const [asset, v] of b) if ((a.get(asset) ?? 0n) !== v) return false;
  return true;
}

export function sumsText(sums: Sums): string {
  const parts = [...sums].filter(([, v]) => v !== 0n).map(([asset, v]) => `${unitsText(v)} ${asset}`);
  return parts.length > 0 ? parts.join(' + ') : 'nothing';
}

const ASSET_KEY = /"asset":/g;
const FEE = /"asset":"([^"\\]*)","amount":(-?\d+(?:\.\d+)?)[,}]/y;
const toDecimal = (digits: string) => new Decimal(digits);

/** The exact parser's reading, for fees in any other shape. Undefined: unreadable. */
function parsed(fees: string, into: Sums): Sums | undefined {
  try {
    const list = parseExactJson(fees, toDecimal, parseJsonDecimal) as { asset: string; amount: Decimal }[];
    for (const fee of list) {
      const amount = units(decimalText(new Decimal(fee.amount)));
      if (amount === undefined) return undefined;
      add(into, fee.asset, amount);
    }
    return into;
  } catch {
    return undefined;
  }
}

/**
 * Adds what an event's stored fees charge, per asset, to `into` (a usage entry's sums, so
 * no map is made per event); false, adding nothing, when they cannot be read.
 */
export function addCharged(fees: string, into: Sums): boolean {
  if (fees === '[]') return true;
  ASSET_KEY.lastIndex = 0;
  const found: [string, bigint][] = [];
  for (let m = ASSET_KEY.exec(fees); m; m = ASSET_KEY.exec(fees)) {
    FEE.lastIndex = m.index;
    const fee = FEE.exec(fees);
    const amount = fee ? (fee[2] === '0' ? 0n : units(fee[2] as string)) : undefined;
    if (!fee || amount === undefined) return merge(parsed(fees, new Map()), into);
    found.push([fee[1] as string, amount]);
  }
  if (found.length === 0) return merge(parsed(fees, new Map()), into);
  for (const [asset, amount] of found) add(into, asset, amount);
  return true;
}

function merge(from: Sums | undefined, into: Sums): boolean {
  if (!from) return false;
  for (const [asset, amount] of from) add(into, asset, amount);
  return true;
}
