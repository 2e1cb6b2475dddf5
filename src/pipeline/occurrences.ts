import { v5Hash, v5Text } from './uuid5.js';
import { timedIdOfHash } from './uuid7.js';

/**
 * How a bulk run derives the id of a line without one: `v1` a UUIDv5 of the content, as
 * every release before time-ordered ids did; `v2` the same content hash behind the line's
 * time (timedId), so a file's ids sort as its lines' times do.
 */
export const ID_SCHEMES = ['v1', 'v2'] as const;
export type IdScheme = (typeof ID_SCHEMES)[number];

/** An id from a line's canonical content and, for `v2`, its time in Unix milliseconds. */
export type DeriveId = (name: string, timeMs?: number) => string;

/**
 * Counts how often each derived id has come up in a run, so that the k-th identical line
 * of a file gets its own id (see derivedIds). Only a 64-bit fingerprint of each id is
 * kept, in typed arrays off the V8 heap: about 18 bytes a distinct line at most (16 MiB
 * of slots and 2 MiB of counts at a million), instead of a Map of strings several times
 * that. Two different ids sharing a fingerprint (odds about 3e-8 at a million lines) only
 * renumber the later one: its id stays deterministic for the same file.
 */
export class Occurrences {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  /** 0: empty slot; 255: the count went on in `more`. */
  private counts = new Uint8Array(1024);
  private readonly more = new Map<number, number>();
  private size = 0;

  /** How many times `uuid` has come up so far, this time included (1 the first time). */
  next(uuid: string): number {
    // Hex digits 0–7 and 24–31 of a v5 UUID are hash bits (the version and variant are not).
    return this.count(hexWord(uuid, 0), hexWord(uuid, 24));
  }

  /** next() of the version 5 UUID whose SHA-1 is `hex` (v5Hash): the same count, the same digits. */
  nextOfHash(hex: string): number {
    return this.count(hexWord(hex, 0), hexWord(hex, 20));
  }

  private count(hi: number, lo: number): number {
    const mask = this.counts.length - 1;
    let i = lo & mask;
    while (this.counts[i] !== 0) {
      if (this.hi[i] === hi && this.lo[i] === lo) return this.bump(i);
      i = (i + 1) & mask;
    }
    this.hi[i] = hi;
    this.lo[i] = lo;
    this.counts[i] = 1;
    if (++this.size * 4 > this.counts.length * 3) this.grow();
    return 1;
  }

  private bump(i: number): number {
    const count = this.counts[i]!;
    if (count < 254) return (this.counts[i] = count + 1);
    // Rare (a line repeated 255 times): the slot's count goes on in a map, by fingerprint.
    const key = this.hi[i]! * 2 ** 32 + this.lo[i]!;
    const next = (this.more.get(key) ?? 254) + 1;
    this.counts[i] = 255;
    this.more.set(key, next);
    return next;
  }

  private grow(): void {
    const [hi, lo, counts] = [this.hi, this.lo, this.counts];
    const capacity = counts.length * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.counts = new Uint8Array(capacity);
    const mask = capacity - 1;
    for (let j = 0; j < counts.length; j++) {
      if (counts[j] === 0) continue;
      let i = lo[j]! & mask;
      while (this.counts[i] !== 0) i = (i + 1) & mask;
      this.hi[i] = hi[j]!;
      this.lo[i] = lo[j]!;
      this.counts[i] = counts[j]!;
    }
  }
}

/**
 * The ids of a run's lines without one: a UUIDv5 of the namespace, the kind and the
 * line's canonical content, and for the k-th identical line (k ≥ 2) of the content and
 * `#k`. Two identical lines are two payments or two events, each applied once; running
 * the file again, or the file with lines appended, derives the same ids for the lines it
 * had, so they are duplicates. The first occurrence keeps the id it had before numbering
 * existed (derived-ids.golden.json), so files sent earlier are still recognised.
 *
 * Scheme `v2` puts the line's time (`timeMs`) in front of that id's hash bits; a line
 * without a time keeps its `v1` id, there being nothing to order it by.
 */
export function derivedIds(namespace: string, kind: string, scheme: IdScheme = 'v1'): DeriveId {
  const seen = new Occurrences();
  const prefix = `${kind}\n`;
  // Built from the SHA-1's hex digits: the v5 UUID's text is written only when it is the id.
  return (name, timeMs) => {
    const first = v5Hash(namespace, name, prefix);
    const k = seen.nextOfHash(first);
    const hash = k === 1 ? first : v5Hash(namespace, `${name}\n#${k}`, prefix);
    return scheme === 'v2' && timeMs !== undefined ? timedIdOfHash(timeMs, hash) : v5Text(hash);
  };
}

/** The 8 lower-case hex digits of `text` from `at` as an unsigned 32-bit number, without a slice. */
function hexWord(text: string, at: number): number {
  let n = 0;
  for (let i = at; i < at + 8; i++) {
    const c = text.charCodeAt(i);
    n = (n << 4) | (c <= 57 ? c - 48 : (c | 32) - 87);
  }
  return n >>> 0;
}
