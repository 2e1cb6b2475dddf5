import { allCommands, type ArgSpec, type CompletionSpec, type FlagSpec } from './spec.js';

/**
 * The lookups every completion script needs, as plain tables keyed by command path (words
 * joined by spaces, '' for the root). bash and zsh print them as `case` statements,
 * fish as `switch`.
 */
export interface CompletionTables {
  /** path → subcommand names with their summaries. */
  subcommands: [path: string, entries: [name: string, summary: string][]][];
  /** path → its own flags (globals are separate). */
  flags: [path: string, flags: FlagSpec[]][];
  globals: FlagSpec[];
  /** path → positional arguments. */
  args: [path: string, args: ArgSpec[]][];
}

export function completionTables(spec: CompletionSpec): CompletionTables {
  const commands = allCommands(spec);
  return {
    subcommands: commands
      .filter((c) => c.subcommands.length > 0)
      .map((c) => [c.path.join(' '), c.subcommands.map((s) => [s.path[s.path.length - 1]!, s.summary] as [string, string])]),
    flags: commands.map((c) => [c.path.join(' '), c.flags]),
    globals: spec.globals,
    args: commands.filter((c) => c.args.length > 0).map((c) => [c.path.join(' '), c.args]),
  };
}

/** `-o` and `--output` of a flag, for case patterns. */
export function flagNames(flag: FlagSpec): string[] {
  return [flag.short, flag.long].filter((n): n is string => n !== undefined);
}

/**
 * What a flag or argument completes to, as one word list: fixed values, or a marker the
 * script resolves (`@profiles`, `@assets` through `credyt __complete`; `@files`).
 */
export function valueWords(v: { values?: string[]; dynamic?: string; files?: boolean }): string | undefined {
  if (v.dynamic) return `@${v.dynamic}`;
  if (v.files) return '@files';
  if (v.values && v.values.length > 0) return v.values.join(' ');
  return undefined;
}

/** A string inside single quotes for sh, bash and zsh. */
export function shQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

export const GENERATED_NOTE = 'Generated from the command tree by `npm run completions`; do not edit.';
