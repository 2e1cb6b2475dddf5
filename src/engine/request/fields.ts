import { Decimal, isDecimal } from '../../money/decimal.js';
import { AMOUNT_TEXT_RULE, parseAmountText } from '../../money/amount.js';
import { badRequest, validationFailed, type FieldErrors } from './errors.js';
import { parseTimestamp, timestampText } from './time.js';
import { show } from './show.js';
import { setMember } from '../../json/own-member.js';

interface StringRule {
  required?: boolean;
  max?: number;
  pattern?: RegExp;
  /** What a matching value is, for the message: "a UUID". */
  allowed?: string;
}

const METADATA_KEYS = 50;
const METADATA_KEY_LENGTH = 40;
const METADATA_VALUE_LENGTH = 500;

/** Whether `text.trim()` is empty: a text starting with a visible ASCII character is not, with no trimmed copy made. */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return text.trim() === '';
}

/**
 * Reads an untrusted JSON object field by field, collecting every problem under the
 * field's full path (`destination.asset`, `rates[0].source`) so one 422 reports them all.
 */
export class Fields {
  private constructor(
    private readonly body: Record<string, unknown>,
    /** The object's full name, or its list's when `index` ≥ 0. */
    private readonly base: string,
    readonly errors: FieldErrors,
    /** Its place in the list `base` (objects()), or -1. */
    private readonly index = -1,
  ) {}

  /** The object's full name (`events[3]`): written only for a message, not per item read. */
  private get path(): string {
    return this.index < 0 ? this.base : `${this.base}[${this.index}]`;
  }

  /** A request body: absent means `{}`; anything but an object is a malformed request. */
  static of(input: unknown): Fields {
    if (input === undefined || input === null) return new Fields({}, '', {});
    if (typeof input !== 'object' || Array.isArray(input) || isDecimal(input)) {
      throw badRequest(`Request body must be a JSON object, got ${show(input)}`);
    }
    return new Fields(input as Record<string, unknown>, '', {});
  }

  name(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  /** Records a problem; returns undefined so a reader can `return this.fail(…)`. */
  fail(key: string, message: string): undefined {
    const name = this.name(key);
    (this.errors[name] ??= []).push(message);
    return undefined;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  /** Throws the collected problems as one 422. */
  done(): void {
    if (!this.ok) throw validationFailed(this.errors);
  }

  private present(key: string, required: boolean | undefined): unknown {
    const value = this.body[key];
    if (value === undefined || value === null) {
      if (required) this.fail(key, `${this.name(key)} is required`);
      return undefined;
    }
    return value;
  }

  string(key: string, rule: StringRule = {}): string | undefined {
    const value = this.present(key, rule.required);
    if (value === undefined) return undefined;
    // The field's name is written only for a message: a valid string costs no text.
    if (typeof value !== 'string') return this.fail(key, `${this.name(key)} must be a string, got ${show(value)}`);
    if (rule.required && isBlank(value)) return this.fail(key, `${this.name(key)} must not be empty`);
    if (rule.max !== undefined && value.length > rule.max) {
      return this.fail(key, `${this.name(key)} ${show(value)} is longer than ${rule.max} characters`);
    }
    if (rule.pattern && !rule.pattern.test(value)) {
      return this.fail(key, `${this.name(key)} ${show(value)} is not ${rule.allowed ?? 'in the expected format'}`);
    }
    return value;
  }

  /** The value as given (undefined when absent or null), for shapes the readers do not cover. */
  raw(key: string): unknown {
    const value = this.body[key];
    return value === null ? undefined : value;
  }

  /** The keys the object actually carries, in their order. */
  keys(): string[] {
    return Object.keys(this.body);
  }

  /** A string that must be one of `allowed`. */
  choice<T extends string>(key: string, allowed: readonly T[], required = true): T | undefined {
    const value = this.string(key, { required });
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return this.fail(key, `${this.name(key)} ${show(value)} is not one of ${allowed.join(', ')}`);
  }

  /** A decimal given as a JSON number (parsed exactly) or a decimal string; never a float. */
  decimal(key: string, required = true): Decimal | undefined {
    const value = this.present(key, required);
    if (value === undefined) return undefined;
    if (isDecimal(value)) return value;
    // Only in-process callers can pass a JS number; a safe integer is exact, a fraction may not be.
    if (typeof value === 'number' && Number.isSafeInteger(value)) return new Decimal(value);
    const parsed = typeof value === 'string' ? parseAmountText(value) : undefined;
    if (parsed) return parsed;
    const why =
      typeof value === 'number'
        ? 'is a binary float; pass a decimal string'
        : `is not a decimal number (${typeof value === 'string' ? AMOUNT_TEXT_RULE : 'a JSON number or a decimal string'})`;
    return this.fail(key, `${this.name(key)} ${show(value)} ${why}`);
  }

  integer(key: string, min: number, max: number, required = true): number | undefined {
    const value = this.present(key, required);
    if (value === undefined) return undefined;
    const n = isDecimal(value) && value.isInteger() ? value.toNumber() : value;
    if (typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max) return n;
    this.fail(key, `${this.name(key)} ${show(value)} is not an integer from ${min} to ${max}`);
    return undefined;
  }

  timestamp(key: string, required = false): Date | undefined {
    const value = this.present(key, required);
    if (value === undefined) return undefined;
    const parsed = typeof value === 'string' ? parseTimestamp(value) : undefined;
    if (parsed) return parsed;
    this.fail(key, `${this.name(key)} ${show(value)} is not an ISO-8601 date-time with a zone`);
    return undefined;
  }

  /** timestamp(key) as its isoText, read without a Date where it can be (timestampText). */
  timestampText(key: string): string | undefined {
    const value = this.present(key, false);
    if (value === undefined) return undefined;
    const text = typeof value === 'string' ? timestampText(value) : undefined;
    if (text !== undefined) return text;
    this.fail(key, `${this.name(key)} ${show(value)} is not an ISO-8601 date-time with a zone`);
    return undefined;
  }

  /** Free-form string → string map (limits as Stripe's, which integrators already know). */
  metadata(key = 'metadata'): Record<string, string> | undefined {
    const value = this.present(key, false);
    if (value === undefined) return undefined;
    const name = this.name(key);
    if (typeof value !== 'object' || Array.isArray(value) || isDecimal(value)) {
      return this.fail(key, `${name} must be an object of strings, got ${show(value)}`);
    }
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > METADATA_KEYS) {
      return this.fail(key, `${name} has ${entries.length} keys; at most ${METADATA_KEYS} are allowed`);
    }
    const out: Record<string, string> = {};
    for (const [k, v] of entries) {
      if (k.length === 0 || k.length > METADATA_KEY_LENGTH) {
        this.fail(key, `${name} key ${show(k)} must be 1 to ${METADATA_KEY_LENGTH} characters`);
      } else if (typeof v !== 'string') {
        this.fail(key, `${name}.${k} must be a string, got ${show(v)}`);
      } else if (v.length > METADATA_VALUE_LENGTH) {
        this.fail(key, `${name}.${k} is longer than ${METADATA_VALUE_LENGTH} characters`);
      } else {
        setMember(out, k, v);
      }
    }
    return out;
  }

  /** A nested object read with the same error list, its fields named `key.field`. */
  object(key: string): Fields | undefined {
    const value = this.present(key, false);
    if (value === undefined) return undefined;
    if (typeof value !== 'object' || Array.isArray(value) || isDecimal(value)) {
      this.fail(key, `${this.name(key)} must be an object, got ${show(value)}`);
      return undefined;
    }
    return new Fields(value as Record<string, unknown>, this.name(key), this.errors);
  }

  /** An array of objects, each read as `key[i]`. */
  objects(key: string): Fields[] | undefined {
    const value = this.present(key, false);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.fail(key, `${this.name(key)} must be an array, got ${show(value)}`);
      return undefined;
    }
    const out: Fields[] = [];
    const listName = this.name(key);
    value.forEach((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item) || isDecimal(item)) {
        const itemName = `${listName}[${i}]`;
        (this.errors[itemName] ??= []).push(`${itemName} must be an object, got ${show(item)}`);
      } else {
        out.push(new Fields(item as Record<string, unknown>, listName, this.errors, i));
      }
    });
    return out;
  }
}

/** A required absolute http(s) URL (return, failure and checkout links). */
export function readHttpUrl(fields: Fields, key: string): string | undefined {
  const text = fields.string(key, { required: true, max: 2048 });
  if (text === undefined) return undefined;
  const ok = URL.canParse(text) && ['http:', 'https:'].includes(new URL(text).protocol);
  if (!ok) fields.fail(key, `${fields.name(key)} ${show(text)} is not an absolute http(s) URL`);
  return text;
}
