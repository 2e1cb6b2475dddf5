import type { Command } from 'commander';
import { integerArg } from './parse.js';

export interface PageOptions {
  limit?: number;
  offset?: number;
}

/** `--limit` and `--offset` of a list verb (the API pages with limit/offset). */
export function pageFlags(command: Command): Command {
  return command
    .option('--limit <n>', 'how many items, 1–100 (default 20)', integerArg(1, 100))
    .option('--offset <n>', 'skip this many items', integerArg(0, Number.MAX_SAFE_INTEGER));
}
