import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isDecimal } from '../money/decimal.js';
import { pathText, type LoadedFile, type Path, type Problem } from './model.js';

const require = createRequire(import.meta.url);

/** The committed schema (schemas/credyt.pricing.schema.json), the one editors use too. */
export function pricingSchema(): Record<string, unknown> {
  return require('../../schemas/credyt.pricing.schema.json') as Record<string, unknown>;
}

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    // ajv is CommonJS; loaded on first use so other commands never pay for it.
    const Ajv = require('ajv') as typeof import('ajv').default;
    const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: true });
    compiled = ajv.compile(pricingSchema());
  }
  return compiled;
}

/**
 * What the schema sees. Amounts stay Decimals in the file; the schema only checks their
 * type and sign, so each Decimal is shown to it as a stand-in number of the same sign and
 * integer-ness (an exact small integer as itself). Magnitudes and decimal places are
 * checked on the Decimals by validate.ts.
 */
function schemaView(value: unknown): unknown {
  if (isDecimal(value)) {
    if (value.isInteger() && value.abs().lte(1_000_000)) return value.toNumber();
    const sign = value.isZero() ? 0 : value.isNegative() ? -1 : 1;
    return value.isInteger() ? sign * 2_000_000 : sign * 0.5;
  }
  if (Array.isArray(value)) return value.map(schemaView);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, schemaView(v)]));
  }
  return value;
}

function pointerPath(pointer: string): Path {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(error: ErrorObject): { message: string; key?: string } {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { message: `unknown key "${String(p.additionalProperty)}"`, key: String(p.additionalProperty) };
    case 'required':
      return { message: `"${String(p.missingProperty)}" is required` };
    case 'type':
      return { message: `must be ${String(p.type).replace(',', ' or ')}` };
    case 'enum':
      return { message: `must be one of ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'pattern':
      return {
        message: /\\d\{4\}/.test(String(p.pattern))
          ? 'must be an ISO-8601 date-time with a zone, e.g. 2030-01-01T00:00:00Z'
          : 'must be 1–32 (products: 1–64) letters, digits, _ or -',
      };
    case 'exclusiveMinimum':
      return { message: 'must be greater than 0' };
    case 'minimum':
      return { message: `must be at least ${String(p.limit)}` };
    case 'maximum':
      return { message: `must be at most ${String(p.limit)}` };
    case 'minItems':
      return { message: `must hold at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}` };
    default:
      return { message: error.message ?? error.keyword };
  }
}

/** Schema problems of a parsed file, each with its path and line. */
export function schemaProblems(loaded: LoadedFile): Problem[] {
  const validate = validator();
  if (validate(schemaView(loaded.data))) return [];
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const error of validate.errors ?? []) {
    // `oneOf` explains itself through its branches' errors.
    if (error.keyword === 'oneOf' || error.keyword === 'const') continue;
    const path = pointerPath(error.instancePath);
    const { message, key } =
      path.length === 0 && error.keyword === 'type'
        ? { message: loaded.data == null ? 'the file is empty: declare assets, products and/or tests' : 'the top level must be a mapping of assets, products and tests', key: undefined }
        : describe(error);
    const where = key ? [...path, key] : path;
    const text = `${where.length ? pathText(where) + ': ' : ''}${message}`;
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ path: where, message: text, line: loaded.lineOf(where, Boolean(key)) ?? loaded.lineOf(path) });
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
