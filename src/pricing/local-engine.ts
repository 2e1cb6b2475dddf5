import { CredytClient } from '../client/client.js';
import { createEmbeddedTransport } from '../server/in-process/embedded-transport.js';

/** A throw-away in-memory engine whose clock a test can move (`quote.at`). */
export interface ScratchEngine {
  client: CredytClient;
  /** Sets the engine's clock; `undefined` goes back to the real time. */
  setClock(at: Date | undefined): void;
  close(): Promise<void>;
}

export function scratchEngine(now: () => Date): ScratchEngine {
  let fixed: Date | undefined;
  const transport = createEmbeddedTransport({ dbPath: ':memory:', clock: () => fixed ?? now() });
  return {
    client: new CredytClient({ transport, profileName: 'pricing test --local' }),
    setClock(at) {
      fixed = at;
    },
    close: () => transport.close(),
  };
}
