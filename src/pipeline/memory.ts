import { setFlagsFromString } from 'node:v8';

/**
 * Keeps a bulk run's heap near what it holds. A run allocates a few kilobytes a line and
 * holds a window of lines long enough for them to reach V8's old generation, where they
 * die; V8 lets the old generation grow to up to four times what was live at the last full
 * collection before collecting again (its limit for machines with memory to spare), so
 * the client's RSS went far above what it held. Old-generation limits are recomputed
 * after every full collection from this flag, so it works when set mid-process (the
 * heap's sizes, `--max-old-space-size` and `--max-semi-space-size`, are fixed at start).
 */
export function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
