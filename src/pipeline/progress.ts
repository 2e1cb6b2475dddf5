import type { IOStreams } from '../io/streams.js';
import type { Input } from './input.js';
import type { Totals } from './results.js';

export interface Progress {
  stop(): void;
}

const NONE: Progress = { stop() {} };

/**
 * A progress bar on stderr (lines done, lines/s, ETA when the input's size is known), only
 * when stderr is a terminal: a pipeline's logs never fill with redraws. cli-progress loads
 * only then.
 */
export async function startProgress(io: IOStreams, input: Input, totals: Totals, started: number, linesRead: () => number): Promise<Progress> {
  if (!io.stderrIsTTY) return NONE;
  const { SingleBar } = await import('cli-progress');
  const sized = input.size !== undefined && input.size > 0;
  const bar = new SingleBar({
    stream: io.stderr as NodeJS.WriteStream,
    format: sized
      ? '{bar} {percentage}% | {lines} lines | {rate} lines/s | ETA {eta_formatted}'
      : '{lines} lines | {rate} lines/s',
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
    fps: 5,
    noTTYOutput: false,
  });
  const payload = () => {
    const seconds = (performance.now() - started) / 1000;
    return { lines: totals.lines.toLocaleString('en-US'), rate: seconds > 0 ? Math.round(totals.lines / seconds).toLocaleString('en-US') : '0' };
  };
  // Lines done against the lines the file should hold, estimated from the bytes read so
  // far: the reader runs ahead of the answers, so bytes alone would reach 100 % too soon.
  const estimate = () => {
    const read = linesRead();
    return read > 0 && input.bytesRead > 0 ? Math.max(totals.lines, Math.round((read * input.size!) / input.bytesRead)) : 1;
  };
  bar.start(sized ? estimate() : 1, 0, payload());
  const timer = setInterval(() => {
    if (sized) bar.setTotal(estimate());
    bar.update(sized ? totals.lines : 0, payload());
  }, 200);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      bar.stop();
    },
  };
}
