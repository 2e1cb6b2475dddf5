import type { FastifyInstance } from 'fastify';
import { openEngine, type Clock, type Engine } from '../engine/index.js';
import { createApp, type AppOptions } from './app.js';

export interface LocalApp {
  app: FastifyInstance;
  engine: Engine;
  /** Closes the app, then the database. */
  close(): Promise<void>;
}

/** The engine on `dbPath` with the API in front of it: what serve and the embedded profile run. */
export function openLocalApp(
  options: Omit<AppOptions, 'engine'> & { dbPath: string; clock?: Clock; allowInsecureWebhooks?: boolean },
): LocalApp {
  const { dbPath, clock, allowInsecureWebhooks, ...appOptions } = options;
  const engine = openEngine({ path: dbPath, clock, allowInsecureWebhooks });
  try {
    const app = createApp({ ...appOptions, engine });
    return {
      app,
      engine,
      close: async () => {
        await app.close();
        engine.close();
      },
    };
  } catch (error) {
    engine.close();
    throw error;
  }
}
