import type { IOStreams } from '../io/streams.js';
import { UsageError } from '../errors.js';

export const OUTPUT_MODES = ['table', 'json', 'jsonl', 'csv', 'tsv'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

/** What `-o` accepts: the modes above, and `yaml`, which only `pricing pull` writes. */
export const OUTPUT_CHOICES = [...OUTPUT_MODES, 'yaml'] as const;

/** How results are printed: decided once per run from flags, env and the terminal. */
export interface Output {
  io: IOStreams;
  mode: OutputMode;
  /** Header row for table/csv/tsv. */
  header: boolean;
  /** Print only ids, one per line. */
  quiet: boolean;
  /** `--fields a,b`: the fields to print, in order; `'list'` for a bare `--fields`. */
  fields?: string[] | 'list';
}

export interface OutputFlags {
  output?: string;
  json?: boolean;
  quiet?: boolean;
  /** commander's `--no-header` sets header to false. */
  header?: boolean;
  /** `--fields a,b` or a bare `--fields` (true). */
  fields?: string | boolean;
}

/**
 * Flag > CREDYT_OUTPUT > default. The default is a table on a terminal and headerless
 * tab-separated values when piped, so `cut -f` works without skipping a line.
 */
export function resolveOutput(io: IOStreams, flags: OutputFlags, env: NodeJS.ProcessEnv): Output {
  const requested = flags.json ? 'json' : (flags.output ?? env.CREDYT_OUTPUT);
  let mode: OutputMode;
  if (requested === undefined || requested === '') {
    mode = io.stdoutIsTTY ? 'table' : 'tsv';
  } else if ((OUTPUT_MODES as readonly string[]).includes(requested)) {
    mode = requested as OutputMode;
  } else if (requested === 'yaml') {
    throw new UsageError('-o yaml is written by `credyt pricing pull` only; use json, jsonl, csv, tsv or table here.');
  } else {
    const source = flags.output !== undefined ? '--output' : 'CREDYT_OUTPUT';
    throw new UsageError(`${source} must be one of ${OUTPUT_MODES.join(', ')} (got "${requested}")`);
  }
  const explicit = requested !== undefined && requested !== '';
  const header = flags.header === false ? false : mode === 'tsv' && !explicit ? false : true;
  return { io, mode, header, quiet: Boolean(flags.quiet), fields: parseFields(flags.fields) };
}

function parseFields(value: string | boolean | undefined): string[] | 'list' | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return 'list';
  const names = value.split(',').map((f) => f.trim()).filter((f) => f !== '');
  if (names.length === 0) return 'list';
  return names;
}
