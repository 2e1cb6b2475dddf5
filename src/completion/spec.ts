import type { Command, Option } from 'commander';
import { argumentValues, dynamicArgument, dynamicOption, type DynamicKind } from './dynamic.js';

/**
 * The command tree as completion scripts need it, read from commander: every command's
 * subcommands, flags (with the values they take) and positional arguments. The scripts in
 * `completions/` are generated from this, so they never drift from the code.
 */

/** What a flag or an argument completes to. */
export interface ValueSpec {
  /** Fixed values (commander `choices`). */
  values?: string[];
  /** Values fetched at completion time through `credyt __complete KIND`. */
  dynamic?: DynamicKind;
  /** File names (a flag whose value is `<file>` or `<path>`). */
  files?: boolean;
}

export interface FlagSpec extends ValueSpec {
  /** `--output`, or undefined for a short-only flag. */
  long?: string;
  /** `-o`. */
  short?: string;
  description: string;
  /** Whether the flag is followed by a value (`--limit 5`). */
  takesValue: boolean;
}

export interface ArgSpec extends ValueSpec {
  name: string;
  variadic: boolean;
}

export interface CommandSpec {
  /** Words after `credyt`: `['assets', 'create']`; `[]` for the root. */
  path: string[];
  summary: string;
  /** This command's own flags (global ones are in `CompletionSpec.globals`). */
  flags: FlagSpec[];
  args: ArgSpec[];
  subcommands: CommandSpec[];
}

export interface CompletionSpec {
  name: string;
  /** Flags every command accepts. */
  globals: FlagSpec[];
  root: CommandSpec;
}

function flagSpec(option: Option): FlagSpec {
  const takesValue = option.required || option.optional;
  const long = option.long;
  const spec: FlagSpec = { long, short: option.short, description: oneLine(option.description), takesValue };
  if (takesValue && option.argChoices) spec.values = [...option.argChoices];
  const dynamic = long ? dynamicOption(long) : undefined;
  if (takesValue && dynamic) spec.dynamic = dynamic;
  if (takesValue && /[<[](file|path)[>\]]/.test(option.flags)) spec.files = true;
  return spec;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function visibleFlags(command: Command): Option[] {
  return command.createHelp().visibleOptions(command);
}

function visibleCommands(command: Command): Command[] {
  return command.createHelp().visibleCommands(command);
}

function commandSpec(command: Command, path: string[], globalLongs: Set<string>, extraArgValues: (path: string[]) => string[] | undefined): CommandSpec {
  const own = visibleFlags(command).filter((o) => !o.long || !globalLongs.has(o.long));
  const args = command.registeredArguments.map((a): ArgSpec => {
    const arg: ArgSpec = { name: a.name(), variadic: a.variadic };
    const values = a.argChoices ? [...a.argChoices] : (argumentValues(path.join(' '), a.name()) ?? extraArgValues(path));
    if (values) arg.values = values;
    const dynamic = dynamicArgument(path.join(' '), a.name());
    if (dynamic) arg.dynamic = dynamic;
    return arg;
  });
  return {
    path,
    summary: oneLine(command.summary() || command.description()),
    flags: own.map(flagSpec),
    args,
    subcommands: visibleCommands(command).map((c) => commandSpec(c, [...path, c.name()], globalLongs, extraArgValues)),
  };
}

/**
 * Reads the completion spec from a program. `help` completes to the help topics and the
 * top-level commands.
 */
export function completionSpec(program: Command, helpTopics: string[]): CompletionSpec {
  // `--version` is the root's own flag; every other root flag works everywhere.
  const globalOptions = visibleFlags(program).filter((o) => o.long !== '--version');
  const globalLongs = new Set(globalOptions.map((o) => o.long).filter((l): l is string => l !== undefined));
  const topLevel = visibleCommands(program).map((c) => c.name());
  const extra = (path: string[]) => (path.join(' ') === 'help' ? [...helpTopics, ...topLevel] : undefined);
  return {
    name: program.name(),
    globals: globalOptions.map(flagSpec),
    root: commandSpec(program, [], globalLongs, extra),
  };
}

/** Every command of the tree, root first, depth first. */
export function allCommands(spec: CompletionSpec): CommandSpec[] {
  const out: CommandSpec[] = [];
  const walk = (c: CommandSpec) => {
    out.push(c);
    c.subcommands.forEach(walk);
  };
  walk(spec.root);
  return out;
}
