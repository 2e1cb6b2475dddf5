import type { CompletionSpec, FlagSpec } from './spec.js';
import { completionTables, flagNames, GENERATED_NOTE, valueWords } from './tables.js';

/** A string inside single quotes for fish. */
function fishQuote(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/**
 * The fish script: one helper that finds the command path and the position among the
 * positional arguments, then `complete` lines generated from the tree. Fish completes
 * a flag's value through the flag's own `-a`, so values need no state of their own.
 */
export function fishScript(spec: CompletionSpec): string {
  const name = spec.name;
  const p = `__${name}`;
  const t = completionTables(spec);
  const lines: string[] = [];
  const valued = (flags: FlagSpec[]) => flags.filter((f) => f.takesValue).flatMap(flagNames);

  const flagLine = (flag: FlagSpec, condition?: string) => {
    const parts = [`complete -c ${name}`];
    if (condition) parts.push(`-n ${fishQuote(condition)}`);
    if (flag.short) parts.push(`-s ${flag.short.replace(/^-/, '')}`);
    if (flag.long) parts.push(`-l ${flag.long.replace(/^--/, '')}`);
    const words = valueWords(flag);
    if (flag.takesValue) {
      if (words === '@files') parts.push('-r -F');
      else if (words?.startsWith('@')) parts.push(`-x -a ${fishQuote(`(${p}_dynamic ${words.slice(1)})`)}`);
      else if (words) parts.push(`-x -a ${fishQuote(words)}`);
      else parts.push('-x');
    }
    parts.push(`-d ${fishQuote(flag.description)}`);
    return parts.join(' ');
  };

  lines.push(
    `# fish completion for ${name}`,
    `# ${GENERATED_NOTE}`,
    `# Install: ${name} completion fish > ~/.config/fish/completions/${name}.fish`,
    '',
    `# Succeeds when flag $2 of command path $1 is followed by a value.`,
    `function ${p}_takes_value`,
    `    switch $argv[2]`,
    `        case ${valued(t.globals).join(' ')}`,
    '            return 0',
    '    end',
    `    switch "$argv[1]|$argv[2]"`,
    ...t.flags
      .filter(([, flags]) => valued(flags).length > 0)
      .flatMap(([path, flags]) => [`        case ${valued(flags).map((n) => fishQuote(`${path}|${n}`)).join(' ')}`, '            return 0']),
    '    end',
    '    return 1',
    'end',
    '',
    `# Subcommands of command path $1.`,
    `function ${p}_subcommands`,
    `    switch "$argv[1]"`,
    ...t.subcommands.flatMap(([path, subs]) => [`        case ${fishQuote(path)}`, `            printf '%s\\n' ${subs.map(([n]) => n).join(' ')}`]),
    '    end',
    'end',
    '',
    `# The command path and the number of positional arguments before the cursor.`,
    `function ${p}_state`,
    '    set -l tokens (commandline -opc)',
    '    set -l path ""',
    '    set -l nargs 0',
    '    set -l expect 0',
    '    for word in $tokens[2..-1]',
    '        if test $expect = 1',
    '            set expect 0',
    '            continue',
    '        end',
    '        switch $word',
    "            case '-*=*'",
    '                continue',
    "            case '-*'",
    `                ${p}_takes_value "$path" $word; and set expect 1`,
    '                continue',
    '        end',
    `        if test $nargs = 0; and contains -- $word (${p}_subcommands "$path")`,
    '            set path (string trim -- "$path $word")',
    '        else',
    '            set nargs (math $nargs + 1)',
    '        end',
    '    end',
    '    echo $path',
    '    echo $nargs',
    'end',
    '',
    `# At command path $1 with no positional argument yet (subcommands and flags apply).`,
    `function ${p}_at`,
    `    set -l state (${p}_state)`,
    '    test "$state[1]" = "$argv[1]"',
    'end',
    '',
    `# At command path $1, completing positional argument $2 (from 0; "*" for any).`,
    `function ${p}_at_arg`,
    `    set -l state (${p}_state)`,
    '    test "$state[1]" = "$argv[1]"; or return 1',
    '    test "$argv[2]" = "*"; or test "$state[2]" = "$argv[2]"',
    'end',
    '',
    `# Profile names or asset codes, from the CLI itself (2 s limit, no prompt).`,
    `function ${p}_dynamic`,
    `    set -l pass`,
    '    set -l tokens (commandline -opc)',
    '    for i in (seq 2 (count $tokens))',
    '        switch $tokens[$i]',
    '            case -p --profile --db --base-url --account',
    '                test $i -lt (count $tokens); and set -a pass $tokens[$i] $tokens[(math $i + 1)]',
    '        end',
    '    end',
    `    CREDYT_NO_INPUT=1 $tokens[1] __complete $argv[1] $pass 2>/dev/null`,
    'end',
    '',
    `complete -c ${name} -f`,
    ...t.globals.map((f) => flagLine(f)),
  );

  for (const [path, subs] of t.subcommands) {
    for (const [sub, summary] of subs) {
      lines.push(`complete -c ${name} -n ${fishQuote(`${p}_at_arg '${path}' 0`)} -a ${sub} -d ${fishQuote(summary)}`);
    }
  }
  for (const [path, flags] of t.flags) {
    for (const flag of flags) lines.push(flagLine(flag, `${p}_at '${path}'`));
  }
  for (const [path, args] of t.args) {
    args.forEach((arg, i) => {
      const words = valueWords(arg);
      if (words === undefined) return;
      const at = `${p}_at_arg '${path}' ${arg.variadic ? "'*'" : i}`;
      const values = words === '@files' ? '(__fish_complete_path)' : words.startsWith('@') ? `(${p}_dynamic ${words.slice(1)})` : words;
      lines.push(`complete -c ${name} -n ${fishQuote(at)} -a ${fishQuote(values)}`);
    });
  }
  return lines.join('\n') + '\n';
}
