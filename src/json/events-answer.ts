import { stringEnd } from './scan.js';

/**
 * The answer of `POST /events` read without building it: per event its id, status and,
 * when asked, the JSON text of its fees. A bulk run reads one answer per batch and needs
 * only those; JSON.parse of an answer costs about 2 µs an event (fees and all) and the
 * decimal-exact parse 11 µs, this a fraction of it.
 *
 * Anything unexpected (a syntax error, an escape in an id or status, a repeated key, fee
 * text that is not already what `-o jsonl` would print: compact, without escapes) answers
 * undefined: the caller then parses the answer in full, as before. One of the fast paths
 * of src/json/README.md.
 */
export interface EventsAnswerScan {
  ids: string[];
  statuses: string[];
  /** With fees asked for: the compact JSON text of each event's `fees` (`[]` when absent or null). */
  fees: string[];
  /**
   * Per event: true when it has fees, false when `fees` is `[]` (it matched no price),
   * undefined when the answer has no `fees` (or null): Credyt has not published its
   * answer, so only our servers are known to say. Absent from the embedded answer, whose
   * `fees` text is always there.
   */
  billed?: (boolean | undefined)[];
}

export function scanEventsAnswer(text: string, withFees: boolean): EventsAnswerScan | undefined {
  const s = new Scanner(text);
  // Fee text with an escape would print otherwise after a parse; one look for all fees.
  if (withFees && text.includes('\\')) return undefined;
  const out: EventsAnswerScan = { ids: [], statuses: [], fees: [], billed: [] };
  let sawEvents = false;
  if (!s.startObject()) return undefined;
  for (let key = s.firstKey(); key !== null; key = s.nextKey()) {
    if (key === undefined) return undefined;
    if (key !== 'events') {
      if (!s.skipValue()) return undefined;
      continue;
    }
    if (sawEvents || !s.startArray()) return undefined;
    sawEvents = true;
    for (let more = s.firstItem(); more; more = s.nextItem()) {
      if (more === undefined || !readEvent(s, out, withFees)) return undefined;
    }
    if (s.failed) return undefined;
  }
  return sawEvents && s.atEnd() ? out : undefined;
}

function readEvent(s: Scanner, out: EventsAnswerScan, withFees: boolean): boolean {
  let id: string | undefined;
  let status: string | undefined;
  let fees = '[]';
  let sawFees = false;
  let billed: boolean | undefined;
  if (!s.startObject()) return false;
  for (let key = s.firstKey(); key !== null; key = s.nextKey()) {
    if (key === undefined) return false;
    if (key === 'id' || key === 'status') {
      const value = s.plainString();
      if (value === undefined || (key === 'id' ? id : status) !== undefined) return false;
      if (key === 'id') id = value;
      else status = value;
    } else if (key === 'fees' && withFees) {
      if (sawFees) return false;
      sawFees = true;
      s.ws();
      const start = s.at;
      s.loose = false;
      if (!s.skipValue() || s.loose) return false;
      const span = s.span(start);
      if (span !== 'null') {
        fees = span;
        billed = span !== '[]';
      }
    } else if (key === 'billed' && !withFees) {
      // The minimal answer (`Prefer: return=minimal`): whether the event has fees, none given.
      if (sawFees) return false;
      sawFees = true;
      billed = s.boolean();
      if (billed === undefined) return false;
    } else if (key === 'fees') {
      if (sawFees) return false;
      sawFees = true;
      billed = s.arrayHasItems();
      if (!s.skipValue()) return false;
    } else if (!s.skipValue()) {
      return false;
    }
  }
  if (s.failed || id === undefined || status === undefined) return false;
  out.ids.push(id);
  out.statuses.push(status);
  out.fees.push(fees);
  out.billed!.push(billed);
  return true;
}

const QUOTE = 34;
const BACKSLASH = 92;

/** A cursor over JSON text that checks its structure and builds nothing but what it is asked for. */
class Scanner {
  at = 0;
  failed = false;
  /** Set by skipValue when the value had whitespace between its tokens. */
  loose = false;

  constructor(private readonly text: string) {}

  ws(): number {
    const t = this.text;
    let c = t.charCodeAt(this.at);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++this.at);
    return c;
  }

  private eat(code: number): boolean {
    if (this.ws() !== code) return false;
    this.at++;
    return true;
  }

  startObject(): boolean {
    return this.eat(123);
  }

  startArray(): boolean {
    return this.eat(91);
  }

  atEnd(): boolean {
    this.ws();
    return this.at === this.text.length;
  }

  /** The first key of an object just opened: null when it is empty, undefined on bad JSON. */
  firstKey(): string | null | undefined {
    if (this.ws() === 125) {
      this.at++;
      return null;
    }
    return this.key();
  }

  nextKey(): string | null | undefined {
    const c = this.ws();
    this.at++;
    if (c === 125) return null;
    if (c !== 44) return this.fail();
    return this.key();
  }

  private key(): string | undefined {
    const key = this.plainString();
    if (key === undefined || !this.eat(58)) return this.fail();
    return key;
  }

  firstItem(): boolean | undefined {
    if (this.ws() === 93) {
      this.at++;
      return false;
    }
    return true;
  }

  nextItem(): boolean | undefined {
    const c = this.ws();
    this.at++;
    if (c === 93) return false;
    if (c !== 44) return this.fail();
    return true;
  }

  /** At a value: whether it is an array with items (undefined when not an array: null). Moves nothing. */
  arrayHasItems(): boolean | undefined {
    if (this.ws() !== 91) return undefined;
    const t = this.text;
    let i = this.at + 1;
    let c = t.charCodeAt(i);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = t.charCodeAt(++i);
    return c !== 93;
  }

  /** The literal `true` or `false`; undefined (a failure) for anything else. */
  boolean(): boolean | undefined {
    const t = this.text;
    const c = this.ws();
    const word = c === 116 ? 'true' : c === 102 ? 'false' : undefined;
    if (word === undefined || !t.startsWith(word, this.at)) return this.fail();
    this.at += word.length;
    return word === 'true';
  }

  /** A string without escapes (ids, statuses, keys): anything else is left to the full parser. */
  plainString(): string | undefined {
    if (this.ws() !== QUOTE) return this.fail();
    const t = this.text;
    const start = this.at + 1;
    const end = t.indexOf('"', start);
    if (end < 0) return this.fail();
    for (let i = start; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === BACKSLASH || c < 32) return this.fail();
    }
    this.at = end + 1;
    return t.slice(start, end);
  }

  /** Steps over one value, checking brackets and strings only (the server's JSON is trusted to be JSON). */
  skipValue(): boolean {
    const t = this.text;
    const c = this.ws();
    if (c === QUOTE) return this.skipString();
    if (c !== 123 && c !== 91) {
      // A number or a literal: up to the next delimiter.
      const start = this.at;
      let d = c;
      while (d !== 44 && d !== 125 && d !== 93 && d !== 32 && d !== 10 && d !== 13 && d !== 9 && this.at < t.length) d = t.charCodeAt(++this.at);
      return this.at > start;
    }
    let depth = 0;
    for (let i = this.at; i < t.length; i++) {
      const d = t.charCodeAt(i);
      if (d === QUOTE) {
        this.at = i;
        if (!this.skipString()) return false;
        i = this.at - 1;
      } else if (d === 123 || d === 91) {
        depth++;
      } else if (d === 32 || d === 10 || d === 13 || d === 9) {
        this.loose = true;
      } else if (d === 125 || d === 93) {
        if (--depth === 0) {
          this.at = i + 1;
          return true;
        }
      }
    }
    this.fail();
    return false;
  }

  private skipString(): boolean {
    const end = stringEnd(this.text, this.at);
    if (end < 0) {
      this.fail();
      return false;
    }
    this.at = end + 1;
    return true;
  }

  span(start: number): string {
    return this.text.slice(start, this.at);
  }

  private fail(): undefined {
    this.failed = true;
    return undefined;
  }
}
