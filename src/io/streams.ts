/** Writable end as the CLI uses it: anything with `write(string)`. */
export interface TextSink {
  write(chunk: string): unknown;
}

/**
 * The process's streams and what is known about them. Commands never touch
 * `process.stdout`; they get an `IOStreams`, so tests can hand in buffers and choose
 * which streams are terminals.
 */
export interface IOStreams {
  stdin: NodeJS.ReadableStream;
  stdout: TextSink;
  stderr: TextSink;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Colour level per stream (0 = none), decided once from TTY, NO_COLOR and FORCE_COLOR. */
  stdoutColor: 0 | 1 | 2 | 3;
  stderrColor: 0 | 1 | 2 | 3;
  /** Width of the stdout terminal, when it is one (help text wraps to it). */
  stdoutColumns?: number;
}

type Level = 0 | 1 | 2 | 3;

/** Colour only on a terminal, never with NO_COLOR; FORCE_COLOR forces it on (or off with 0). */
export function colorLevel(isTTY: boolean, env: NodeJS.ProcessEnv, noColorFlag = false): Level {
  if (noColorFlag) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') {
    if (force === '0' || force === 'false') return 0;
    const n = Number.parseInt(force, 10);
    return (n >= 1 && n <= 3 ? n : 1) as Level;
  }
  if (!isTTY || env.TERM === 'dumb') return 0;
  return 1;
}

/**
 * The real process streams. stdin is read through a getter: Node builds the stream (a
 * socket or a file stream) on first use, and most runs never read it; whether it is a
 * terminal is asked of the descriptor, as Node itself does when it builds it.
 */
export function systemStreams(env: NodeJS.ProcessEnv = process.env): IOStreams {
  const stdoutIsTTY = Boolean(process.stdout.isTTY);
  const stderrIsTTY = Boolean(process.stderr.isTTY);
  return {
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: process.getBuiltinModule('node:tty').isatty(0),
    stdoutIsTTY,
    stderrIsTTY,
    stdoutColor: colorLevel(stdoutIsTTY, env),
    stderrColor: colorLevel(stderrIsTTY, env),
    stdoutColumns: stdoutIsTTY ? process.stdout.columns : undefined,
  };
}
