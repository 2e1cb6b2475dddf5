import { Engine, type EngineOptions } from './engine.js';
import { ensurePlatformId } from './customers/platform.js';
import { openDatabase } from './store/db.js';
import { migrate } from './store/migrations.js';
import { Store } from './store/store.js';
import { systemClock } from './request/time.js';

/** Opens (creating and migrating as needed) the engine's database. */
export function openEngine({ path, clock = systemClock, allowInsecureWebhooks, connectTopics }: EngineOptions): Engine {
  const db = openDatabase(path);
  try {
    const store = new Store(db, clock);
    store.connectTopics = connectTopics;
    migrate(db, clock);
    ensurePlatformId(store);
    return new Engine(store, { path, clock, allowInsecureWebhooks, connectTopics });
  } catch (error) {
    db.close();
    throw error;
  }
}
