// The benchmarks' usage file, one line a event: NDJSON as `credyt usage post --file` reads it.
// A usage file exported from a platform's logs carries each event's time, so by default each
// line has an `occurred_at`: a day's events, 3 ms apart, from the start of yesterday (UTC),
// increasing as the lines go. The CLI then derives time-ordered ids (--id-scheme v2) and the
// engine's event-id index grows at its end. BENCH_USAGE_TIMES=none writes the lines without
// one (the ids are then content hashes, random to the index): the figure beside the row.
import { once } from 'node:events';
import { createWriteStream, statSync } from 'node:fs';

/** Milliseconds between two lines' `occurred_at`. */
const STEP_MS = 3;

/** `with` (the default) or `none`, from BENCH_USAGE_TIMES. */
export function usageTimes() {
  const times = process.env.BENCH_USAGE_TIMES ?? 'with';
  if (times !== 'with' && times !== 'none') throw new Error(`BENCH_USAGE_TIMES: ${times} is not "with" or "none"`);
  return times;
}

/** A function of the line number answering its line (no newline); `customers` external ids c0…. */
export function usageLine(customers, times = usageTimes()) {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  const start = day.getTime() - 86_400_000;
  return (i) => {
    const at = times === 'none' ? '' : `"occurred_at":"${new Date(start + i * STEP_MS).toISOString()}",`;
    return `{"customer":"c${i % customers}","type":"response_completed",${at}"subject":"r${i}","data":{"input_tokens":${1000 + (i % 5000)},"output_tokens":${i % 700}}}`;
  };
}

/** Writes `n` lines made by `line(i)` (after `header`, if any) to `path` in 64 KiB chunks; answers its size in bytes. */
export async function writeLines(path, n, line, header) {
  const out = createWriteStream(path);
  if (header) out.write(header + '\n');
  let chunk = '';
  for (let i = 0; i < n; i++) {
    chunk += line(i) + '\n';
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return statSync(path).size;
}
