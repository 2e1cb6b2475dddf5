import type { Decimal } from '../money/decimal.js';

/**
 * The shape of `credyt.pricing.yaml` once loaded and checked against the JSON Schema.
 * Every number is a `Decimal` built from its source digits; prices and entitlements are
 * kept in the contract's own shape (the API's price objects), so they are sent as written.
 */
export interface RateSpec {
  source: string;
  rate?: Decimal;
  inverse_rate?: Decimal;
  effective_at?: string;
}

export interface AssetSpec {
  code: string;
  name: string;
  label?: string;
  symbol?: string;
  precision: Decimal;
  rates?: RateSpec[];
}

export type PriceSpec = Record<string, unknown>;

export interface ProductSpec {
  code: string;
  name: string;
  description?: string;
  prices: PriceSpec[];
  entitlements?: Record<string, unknown>[];
}

export interface QuoteTest {
  asset: string;
  source: string;
  amount: Decimal;
  at?: string;
}

export interface SimulateTest {
  product: string;
  events: { type: string; data?: Record<string, unknown> }[];
}

export interface TestExpectation {
  quantity?: Decimal;
  total?: Record<string, Decimal>;
  fees?: { price?: string; asset: string; amount: Decimal }[];
}

export interface TestSpec {
  name: string;
  quote?: QuoteTest;
  simulate?: SimulateTest;
  expect: TestExpectation;
}

export interface PricingFile {
  assets: AssetSpec[];
  products: ProductSpec[];
  tests: TestSpec[];
}

/** A JSON path into the file: `['products', 0, 'prices', 1, 'name']`. */
export type Path = (string | number)[];

/** One problem of a file, where it is. */
export interface Problem {
  path: Path;
  message: string;
  /** 1-based line in the file, when the path points at something written in it. */
  line?: number;
}

/** A parsed file and a way back from a path to its line. */
export interface LoadedFile {
  source: string;
  text: string;
  /** The raw document (every number a Decimal), before the schema check. */
  data: unknown;
  /** 1-based line of the value at `path` (or of its key with `key`), if written in the file. */
  lineOf(path: Path, key?: boolean): number | undefined;
}

/** `products[0].prices[1].name`: how a path is printed. */
export function pathText(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
