// A fixed piece of CPU work, timed: how fast this machine runs right now. On a shared
// virtual machine the same code runs 30 % faster or slower from one hour to the next, and
// a benchmark's figure means little without the state of the machine it was taken in.
import { createHash } from 'node:crypto';

const DOC = { customer: 'c42', type: 'response_completed', data: { input_tokens: 1234, output_tokens: 567 }, subject: 'r1' };

/** Milliseconds of a fixed mix of hashing and JSON work (best of three; lower is faster). */
export function referenceMs() {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    let text = JSON.stringify(DOC);
    for (let i = 0; i < 40_000; i++) {
      const parsed = JSON.parse(text);
      parsed.subject = createHash('sha1').update(text).digest('hex');
      text = JSON.stringify(parsed);
    }
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
