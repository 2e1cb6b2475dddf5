import type { AccountEngines, Engine } from '../../engine/index.js';
import { DeliveryWorker, type DeliveryWorkerOptions } from './worker.js';

export type FleetOptions = Omit<DeliveryWorkerOptions, 'webhooks' | 'clock' | 'durable'>;

export interface DeliveryFleet {
  stop(): Promise<void>;
}

/** Resolves once everything the engine wrote so far is on disk: events go out only then. */
const durableOf = (engine: Engine) => () => engine.groupCommit().idle();

/**
 * Delivers every database's outbox (docs/accounts.md): a worker for the platform's and one
 * for each connected account's (started as each account's engine opens), and a relay that
 * copies the accounts' durable events into the platform's outbox for its `connect: true`
 * destinations. Each tick also opens the accounts not yet open, so events another process
 * wrote to an account's file go out too.
 */
export function startDeliveryFleet(platform: Engine, accounts: AccountEngines, options: FleetOptions = {}): DeliveryFleet {
  const workers: DeliveryWorker[] = [];
  const start = (engine: Engine) => {
    workers.push(new DeliveryWorker({ ...options, webhooks: engine.webhooks, clock: engine.clock, durable: durableOf(engine) }).start());
  };
  const open = new Map<string, Engine>();
  let stopped = false;
  accounts.onOpen((accountId, engine) => {
    if (stopped) return;
    open.set(accountId, engine);
    start(engine);
  });
  start(platform);
  const relay = async () => {
    accounts.all();
    for (const [accountId, engine] of open) {
      const upTo = engine.webhooks.lastEventSequence();
      await engine.groupCommit().idle();
      if (stopped) return;
      platform.webhooks.relayFrom(accountId, engine.webhooks, upTo);
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      // A busy or closing file leaves the events where they are: the next tick copies them.
      relay().catch(() => {}).finally(schedule);
    }, options.pollMs ?? 250);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all(workers.map((worker) => worker.stop()));
    },
  };
}
