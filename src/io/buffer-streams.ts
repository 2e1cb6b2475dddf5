import { Readable } from 'node:stream';
import type { IOStreams } from './streams.js';

/** In-memory streams for in-process command tests. */
export interface BufferedIO extends IOStreams {
  out(): string;
  err(): string;
}

export function bufferedStreams(
  options: { stdin?: string; tty?: boolean; color?: boolean; columns?: number } = {},
): BufferedIO {
  let out = '';
  let err = '';
  const tty = options.tty ?? false;
  const level = options.color ? 1 : 0;
  return {
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout: { write: (chunk: string) => (out += chunk) },
    stderr: { write: (chunk: string) => (err += chunk) },
    stdinIsTTY: tty,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    stdoutColor: level,
    stdoutColumns: tty ? options.columns : undefined,
    stderrColor: level,
    out: () => out,
    err: () => err,
  };
}
