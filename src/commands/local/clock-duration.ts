import { InvalidArgumentError } from 'commander';

/**
 * The DURATION of `credyt local clock advance`: shorthand (`31d`, `2w`, `1mo`, `12h`,
 * `1y2mo`) or ISO-8601 (`P1M`, `PT5H`), sent to the API as ISO-8601 in either case.
 * Only the CLI knows the shorthand; the engine reads ISO-8601 alone (docs/subscriptions.md).
 */

/** Shorthand units, largest first; a duration names each at most once, in this order. */
const UNITS = [
  { unit: 'y', iso: 'Y', time: false },
  { unit: 'mo', iso: 'M', time: false },
  { unit: 'w', iso: 'W', time: false },
  { unit: 'd', iso: 'D', time: false },
  { unit: 'h', iso: 'H', time: true },
  { unit: 'min', iso: 'M', time: true },
  { unit: 's', iso: 'S', time: true },
] as const;

const SHORTHAND_PART = /(\d+)(y|mo|w|d|h|min|s)/gy;
const ISO = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;
const EXAMPLES = 'e.g. 31d, 2w, 1mo, 12h, 1y, 1d12h, or ISO-8601 P1M, P31D, PT5H';

function malformed(value: string, why: string): InvalidArgumentError {
  return new InvalidArgumentError(`DURATION "${value}" ${why} (${EXAMPLES}).`);
}

/** `31d` → `P31D`, `1mo` → `P1M`, `12h` → `PT12H`, `p1m` → `P1M`; throws naming DURATION. */
export function clockDurationArg(value: string): string {
  const text = value.trim();
  if (/^p/i.test(text)) {
    const iso = text.toUpperCase();
    if (!ISO.test(iso)) throw malformed(value, 'is not an ISO-8601 duration of whole units');
    if (!/[1-9]/.test(iso)) throw malformed(value, 'is zero: the clock only moves forward');
    return iso;
  }
  if (/^\d+m$/i.test(text)) throw malformed(value, 'is ambiguous: write mo for months or min for minutes');
  const amounts = new Map<string, bigint>();
  let at = 0;
  let last = -1;
  SHORTHAND_PART.lastIndex = 0;
  for (let m = SHORTHAND_PART.exec(text.toLowerCase()); m; m = SHORTHAND_PART.exec(text.toLowerCase())) {
    const rank = UNITS.findIndex((u) => u.unit === m![2]);
    if (rank <= last) throw malformed(value, 'names its units out of order or twice: largest first, each once');
    last = rank;
    amounts.set(m[2]!, BigInt(m[1]!));
    at = SHORTHAND_PART.lastIndex;
  }
  if (text === '' || at !== text.length) throw malformed(value, 'is not a duration');
  if ([...amounts.values()].every((n) => n === 0n)) throw malformed(value, 'is zero: the clock only moves forward');
  return toIso(amounts);
}

function toIso(amounts: Map<string, bigint>): string {
  // ISO-8601-1 has no weeks beside other units: fold them into days then (7 days each, exactly).
  const weeks = amounts.get('w');
  if (weeks !== undefined && amounts.size > 1) {
    amounts.delete('w');
    amounts.set('d', (amounts.get('d') ?? 0n) + weeks * 7n);
  }
  let date = '';
  let time = '';
  for (const u of UNITS) {
    const n = amounts.get(u.unit);
    if (n === undefined || n === 0n) continue;
    if (u.time) time += `${n}${u.iso}`;
    else date += `${n}${u.iso}`;
  }
  return `P${date}${time ? `T${time}` : ''}`;
}
