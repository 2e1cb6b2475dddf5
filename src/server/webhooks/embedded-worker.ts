import { AccountEngines, openEngine, type Clock } from '../../engine/index.js';
import { ledgerFileError } from '../../client/ledger-file.js';
import { startDeliveryFleet } from './fleet.js';

export interface EmbeddedWorkerOptions {
  dbPath: string;
  clock?: Clock;
  /** How often due deliveries are looked for (tests shorten it). */
  pollMs?: number;
}

export interface RunningWorker {
  /** Stops the worker (attempts in flight stay pending) and closes the database. */
  stop(): Promise<void>;
}

/**
 * The delivery worker of `local serve`, on an embedded profile's database: what `credyt
 * listen` runs when no server delivers that file's events. It opens its own connection;
 * events written by other processes are seen once they commit.
 */
export function startEmbeddedWorker(options: EmbeddedWorkerOptions): RunningWorker {
  let engine: ReturnType<typeof openEngine>;
  try {
    engine = openEngine({ path: options.dbPath, clock: options.clock });
  } catch (error) {
    throw ledgerFileError(error, options.dbPath) ?? error;
  }
  // The platform's file and each connected account's beside it (docs/accounts.md).
  const accounts = new AccountEngines(engine);
  const worker = startDeliveryFleet(engine, accounts, { pollMs: options.pollMs });
  return {
    async stop() {
      await worker.stop();
      accounts.close();
      engine.close();
    },
  };
}
