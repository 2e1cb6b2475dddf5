import type { IOStreams } from '../io/streams.js';
import type { Input } from './input.js';
import type { Totals } from './results.js';

export interface Progress {
  /** Writes whole lines on stderr: above the bar while there is one, so neither corrupts the other. */
  log(text: string): void;
  /** Clears the bar (nothing of it stays on the screen); later writes start at column 0. */
  stop(): void;
}

/** No bar: messages go straight to stderr. */
export function noProgress(io: IOStreams): Progress {
  return { log: (text) => void io.stderr.write(text), stop() {} };
}

/**
 * A progress bar on stderr (lines done, lines/s, ETA when the input's size is known), only
 * when stderr is a terminal: a pipeline's logs never fill with redraws. cli-progress loads
 * only then.
 *
 * A MultiBar of one bar, not a SingleBar: the SingleBar saves the cursor when it starts
 * and restores it when it stops, so after messages had scrolled the screen its last
 * redraw and the summary landed on earlier lines. The MultiBar moves relative to the bar
 * and logs above it (clear the bar's line, write the message, draw the bar again below).
 */
export async function startProgress(io: IOStreams, input: Input, totals: Totals, started: number, linesRead: () => number): Promise<Progress> {
  if (!io.stderrIsTTY) return noProgress(io);
  const { MultiBar } = await import('cli-progress');
  const sized = input.size !== undefined && input.size > 0;
  // The terminal is what IOStreams says it is (tests hand in buffers); its width is read live.
  const stderr = io.stderr as { columns?: number };
  const stream = {
    isTTY: true,
    get columns() {
      return stderr.columns;
    },
    write: (text: string) => io.stderr.write(text),
  };
  const bars = new MultiBar({
    stream: stream as unknown as NodeJS.WriteStream,
    format: sized
      ? '{bar} {percentage}% | {lines} lines | {rate} lines/s | ETA {eta_formatted}'
      : '{lines} lines | {rate} lines/s',
    hideCursor: true,
    clearOnComplete: true,
    // Messages longer than the terminal wrap; the bar is cut to its width instead.
    linewrap: true,
    // Redrawn even when unchanged: a message just cleared its line.
    forceRedraw: true,
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
  const bar = bars.create(sized ? estimate() : 1, 0, payload());
  const timer = setInterval(() => {
    if (sized) bar.setTotal(estimate());
    bar.update(sized ? totals.lines : 0, payload());
  }, 200);
  timer.unref();
  let stopped = false;
  return {
    log(text) {
      if (stopped) return void io.stderr.write(text);
      bars.log(text);
      // Now, not at the next frame: the message must be out before an exit or a crash.
      bars.update();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      bars.stop();
    },
  };
}
