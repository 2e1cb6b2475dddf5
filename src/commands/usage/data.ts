import { InvalidArgumentError } from 'commander';
import { isDecimal } from '../../money/decimal.js';
import { parseJsonDecimal } from '../../json/parse.js';
import { parseNumberText } from '../../money/number-text.js';

/**
 * One `--data key=value` or CSV `data.<key>` cell: empty is absent (undefined), numbers
 * (JSON's grammar, see parseNumberText) stay exact decimals, `true`/`false` are booleans,
 * everything else (ids with leading zeros included) is a string, as given.
 */
export function dataValue(text: string): unknown {
  if (text === '') return undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  return parseNumberText(text) ?? text;
}

/** `--data key=` keeps the key as undefined, so that it also removes the key from --data-json. */
export function dataArg(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`"${value}" must look like key=value (e.g. input_tokens=1200).`);
  return { ...previous, [value.slice(0, at)]: dataValue(value.slice(at + 1)) };
}

/**
 * Event data without its empty fields: `""` (and undefined) is absent, the CSV convention
 * (an empty cell is no value), applied alike to `--data key=`, CSV, NDJSON and
 * `--data-json`. Only top-level fields: they are the ones prices read.
 */
export function withoutEmpty(data: Record<string, unknown>): Record<string, unknown> {
  // Most data has no empty field: looked for first without the array of keys (a bulk run
  // does this per line).
  let empty = false;
  for (const key in data) {
    if (data[key] === '' || data[key] === undefined) {
      empty = true;
      break;
    }
  }
  if (!empty) return data;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(data)) {
    if (data[key] !== '' && data[key] !== undefined) continue;
    out ??= { ...data };
    delete out[key];
  }
  return out ?? data;
}

export function dataJsonArg(value: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseJsonDecimal(value);
  } catch (error) {
    throw new InvalidArgumentError(`not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || isDecimal(parsed)) {
    throw new InvalidArgumentError('must be a JSON object, e.g. \'{"model":"gpt-x"}\'.');
  }
  return parsed as Record<string, unknown>;
}

/** `--data-json` first, then each `--data` pair on top of it; empty fields left out. */
export function eventData(json?: Record<string, unknown>, pairs?: Record<string, unknown>) {
  if (!json && !pairs) return undefined;
  return withoutEmpty({ ...json, ...pairs });
}
