import { loadPricingFile, PricingFileError } from './load.js';
import type { LoadedFile, PricingFile } from './model.js';
import { checkPricingFile } from './validate.js';

/**
 * A pricing file, parsed, schema-checked and validated offline.
 * @throws PricingFileError (exit 5) listing every problem with its line
 * @throws UsageError (exit 2) when the file cannot be opened
 */
export async function readPricingFile(path: string, stdin: NodeJS.ReadableStream): Promise<{ file: PricingFile; loaded: LoadedFile }> {
  const { file, loaded } = await loadPricingFile(path, stdin);
  const problems = checkPricingFile(file, loaded);
  if (problems.length > 0) throw new PricingFileError(loaded.source, problems);
  return { file, loaded };
}
