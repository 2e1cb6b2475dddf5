import type { CompletionTables } from './tables.js';
import { flagNames, shQuote, valueWords } from './tables.js';

/**
 * The lookup functions shared by the bash and zsh scripts: `case` statements that both
 * shells read the same way. `prefix` names the functions (`__credyt`).
 */
export function posixLookups(t: CompletionTables, prefix: string): string {
  const lines: string[] = [];
  const fn = (name: string, comment: string, body: string[]) => {
    lines.push(`# ${comment}`, `${prefix}_${name}() {`, ...body, '}', '');
  };

  fn('subcommands', 'Subcommands of a command path ($1), one per line.', [
    '  case "$1" in',
    ...t.subcommands.map(([path, subs]) => `    ${shQuote(path)}) printf '%s\\n' ${subs.map(([n]) => n).join(' ')} ;;`),
    '  esac',
  ]);

  fn('described_subcommands', 'The same, as name:summary lines (zsh shows the summaries).', [
    '  case "$1" in',
    ...t.subcommands.map(
      ([path, subs]) => `    ${shQuote(path)}) printf '%s\\n' ${subs.map(([n, d]) => shQuote(`${n}:${d}`)).join(' ')} ;;`,
    ),
    '  esac',
  ]);

  const describe = (f: (typeof t.globals)[number]) => flagNames(f).map((n) => shQuote(`${n}:${f.description}`)).join(' ');
  fn('flags', 'Flags of a command path ($1): its own, then the global ones, as flag:description lines.', [
    '  case "$1" in',
    ...t.flags
      .filter(([, flags]) => flags.length > 0)
      .map(([path, flags]) => `    ${shQuote(path)}) printf '%s\\n' ${flags.map(describe).join(' ')} ;;`),
    '  esac',
    `  printf '%s\\n' ${t.globals.map(describe).join(' ')}`,
  ]);

  const valued = (flags: (typeof t.globals)) => flags.filter((f) => f.takesValue).flatMap(flagNames);
  const globalValued = valued(t.globals);
  fn('takes_value', 'Succeeds when flag $2 of command path $1 is followed by a value.', [
    '  case "$2" in',
    `    ${globalValued.join('|')}) return 0 ;;`,
    '  esac',
    '  case "$1|$2" in',
    ...t.flags
      .filter(([, flags]) => valued(flags).length > 0)
      .map(([path, flags]) => `    ${valued(flags).map((n) => shQuote(`${path}|${n}`)).join('|')}) return 0 ;;`),
    '  esac',
    '  return 1',
  ]);

  const valueCases = (flags: (typeof t.globals), key: (name: string) => string) =>
    flags
      .map((f) => [f, valueWords(f)] as const)
      .filter(([, words]) => words !== undefined)
      .map(([f, words]) => `    ${flagNames(f).map(key).join('|')}) echo ${shQuote(words!)}; return ;;`);
  fn('flag_values', 'Values of flag $2 of command path $1: words, or @profiles, @assets, @files.', [
    '  case "$2" in',
    ...valueCases(t.globals, (n) => n),
    '  esac',
    '  case "$1|$2" in',
    ...t.flags.flatMap(([path, flags]) => valueCases(flags, (n) => shQuote(`${path}|${n}`))),
    '  esac',
  ]);

  const argCases = t.args.flatMap(([path, args]) =>
    args.flatMap((a, i) => {
      const words = valueWords(a);
      if (words === undefined) return [];
      const pattern = a.variadic ? `${shQuote(`${path}|`)}*` : shQuote(`${path}|${i}`);
      return [`    ${pattern}) echo ${shQuote(words)} ;;`];
    }),
  );
  fn('arg_values', 'Values of positional argument $2 (from 0) of command path $1.', [
    '  case "$1|$2" in',
    ...argCases,
    '  esac',
  ]);
  return lines.join('\n');
}
