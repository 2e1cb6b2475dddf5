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
export async function startProgress(io: IOStreams, input: Input, totals: Totals, started: number): Promise<Progress> {
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
  bar.start(sized ? input.size! : 1, 0, payload());
  const timer = setInterval(() => bar.update(sized ? input.bytesRead : 0, payload()), 200);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      bar.stop();
    },
  };
}
