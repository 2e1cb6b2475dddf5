import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { inProcessSandbox, type InProcessRunOptions, type InProcessSandbox } from '../helpers/in-process-sandbox.js';

// What the pricing-as-code command tests share: the example files, one small file, and a
// sandbox per test file with a fresh database on demand.

export const EXAMPLES = resolve(import.meta.dirname, '../../examples/pricing');
export const EXAMPLE_FILES = ['llm-api.yaml', 'video.yaml', 'image-generation.yaml', 'subscription-credits.yaml'];

export const CHAT = `
assets:
  - code: TOK
    name: Tokens
    label: tok
    precision: 0
    rates:
      - {source: USD, rate: 0.00001}
      - {source: USD, rate: 0.00002, effective_at: 2099-01-01T00:00:00Z}
products:
  - code: chat_api
    name: Chat API
    prices:
      - name: Input
        type: usage_based
        usage_calculation: {event_type: chat_completed, usage_type: volume, volume_field: input_tokens}
        pricing:
          - asset: USD
            values: [{volume_rate: 1.25, package_size: 1000000}]
tests:
  - name: 10 USD buys 1,000,000 TOK
    quote: {asset: TOK, source: USD, amount: 10}
    expect: {quantity: 1000000}
  - name: 1M input tokens cost 1.25 USD
    simulate: {product: chat_api, events: [{type: chat_completed, data: {input_tokens: 1000000}}]}
    expect: {total: {USD: 1.25}, fees: [{price: Input, asset: USD, amount: 1.25}]}
`;

/** An in-process sandbox for the test file, made before its tests and removed after. */
export function pricingSandbox() {
  let box: InProcessSandbox;
  beforeAll(() => {
    box = inProcessSandbox();
  });
  afterAll(() => box.cleanup());
  return {
    get dir() {
      return box.dir;
    },
    run: (args: string[], options?: InProcessRunOptions) => box.run(args, options),
    /** Writes `text` to `name` in the sandbox; answers its path. */
    write: (name: string, text: string) => {
      const path = join(box.dir, name);
      writeFileSync(path, text);
      return path;
    },
    /** The env of a database of its own, so a test starts from an empty engine. */
    fresh: () => ({ CREDYT_DB: join(box.dir, `db-${Math.random().toString(36).slice(2)}.sqlite`) }),
  };
}
