import { CredytClient } from '../client/client.js';
import type { Transport } from '../client/transport.js';

/**
 * Opens an empty in-memory engine on the given clock. The runtime provides it (it alone
 * picks transports): pricing-as-code only talks to the client it wraps.
 */
export type OpenScratchTransport = (clock: () => Date) => Promise<Transport>;

/** A throw-away in-memory engine whose clock a test can move (`quote.at`). */
export interface ScratchEngine {
  client: CredytClient;
  /** Sets the engine's clock; `undefined` goes back to the real time. */
  setClock(at: Date | undefined): void;
  close(): Promise<void>;
}

export async function scratchEngine(now: () => Date, open: OpenScratchTransport): Promise<ScratchEngine> {
  let fixed: Date | undefined;
  const transport = await open(() => fixed ?? now());
  return {
    client: new CredytClient({ transport, profileName: 'pricing test --local' }),
    setClock(at) {
      fixed = at;
    },
    close: () => transport.close(),
  };
}
