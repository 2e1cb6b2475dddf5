// Preloaded into a CLI process (`node --import ./bench/rss-sampler.mjs …`) by
// rss-embedded.mjs: samples process.memoryUsage() every 50 ms and, at exit, writes the
// breakdown at the peak RSS to stderr as one `rss-sample {json}` line. For experiments,
// BENCH_CACHE_SIZE / BENCH_MMAP_SIZE replace the engine's SQLite cache_size / add an
// mmap_size pragma on every connection of the main thread (the driver's prototype is patched);
// BENCH_V8_FLAGS are set with v8.setFlagsFromString once the heap exists (as src/pipeline/memory.ts does).
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

const MiB = 2 ** 20;
let peak = { rss: 0 };
const sample = () => {
  const m = process.memoryUsage();
  if (m.rss > peak.rss) peak = m;
};
setInterval(sample, 50).unref();
process.on('exit', () => {
  sample();
  const out = Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v / MiB)]));
  process.stderr.write(`rss-sample ${JSON.stringify(out)}\n`);
});

if (process.env.BENCH_V8_FLAGS) setFlagsFromString(process.env.BENCH_V8_FLAGS);

const cache = process.env.BENCH_CACHE_SIZE;
const mmap = process.env.BENCH_MMAP_SIZE;
if (isMainThread && (cache || mmap)) {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const pragma = Database.prototype.pragma;
  Database.prototype.pragma = function (source, options) {
    if (cache && /^\s*cache_size\s*=/.test(source)) {
      const r = pragma.call(this, `cache_size = ${cache}`, options);
      if (mmap) pragma.call(this, `mmap_size = ${mmap}`);
      return r;
    }
    return pragma.call(this, source, options);
  };
}
