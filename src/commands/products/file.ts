import { UsageError } from '../../errors.js';
import { isDecimal } from '../../money/decimal.js';
import { readDataFile } from '../../io/data-file.js';
import type { ProductInput } from '../../client/catalog-types.js';

/** A product (or version) body from a JSON or YAML file; the API validates its prices. */
export async function readProductFile(path: string, stdin: NodeJS.ReadableStream): Promise<ProductInput> {
  const body = await readDataFile(path, stdin);
  if (typeof body !== 'object' || body === null || Array.isArray(body) || isDecimal(body)) {
    throw new UsageError(`--file ${path}: expected an object with name, code and prices.`);
  }
  return body as ProductInput;
}
