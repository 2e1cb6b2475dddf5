import { InvalidArgumentError } from 'commander';
import { Decimal, isDecimal } from '../../money/decimal.js';
import { parseJsonDecimal } from '../../money/json.js';

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * One `--data key=value`: numbers stay exact decimals, `true`/`false` are booleans,
 * everything else (ids with leading zeros included) is a string.
 */
export function dataValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (NUMBER.test(text)) return new Decimal(text);
  return text;
}

export function dataArg(value: string, previous: Record<string, unknown> = {}): Record<string, unknown> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`"${value}" must look like key=value (e.g. input_tokens=1200).`);
  return { ...previous, [value.slice(0, at)]: dataValue(value.slice(at + 1)) };
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

/** `--data-json` first, then each `--data` pair on top of it. */
export function eventData(json?: Record<string, unknown>, pairs?: Record<string, unknown>) {
  if (!json && !pairs) return undefined;
  return { ...json, ...pairs };
}
