import { decimalText, isDecimal } from '../money/decimal.js';
import { isLosslessNumber } from '../money/json.js';

/**
 * Compact JSON with every Decimal written as its shortest exact number: the output of
 * `stringifyJson` (src/money/json.ts), written directly. The events path stores three
 * JSON documents per event and answers a thousand fees per request, where the general
 * serializer's per-value stringifier lookup showed as the largest cost in profiles.
 */
export function exactJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (isDecimal(value)) return decimalText(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (write(value[i]) ?? 'null');
    return `${out}]`;
  }
  if (isLosslessNumber(value)) return value.toString();
  if (value instanceof Date || value instanceof Number || value instanceof String || value instanceof Boolean) {
    return JSON.stringify(value);
  }
  const record = value as Record<string, unknown> & { toJSON?: () => unknown };
  if (typeof record.toJSON === 'function') return write(record.toJSON());
  let out = '{';
  let first = true;
  for (const key of Object.keys(record)) {
    const text = write(record[key]);
    if (text === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
}
