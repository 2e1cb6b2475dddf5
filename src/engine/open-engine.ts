import { Engine, type EngineOptions } from './engine.js';
import { ensurePlatformId } from './customers/platform.js';
import { openDatabase } from './store/db.js';
import { migrate } from './store/migrations.js';
import { Store } from './store/store.js';
import { systemClock } from './request/time.js';

/** Opens (creating and migrating as needed) the engine's database. */
export function openEngine(options: EngineOptions): Engine {
  const { path, clock = systemClock, connectTopics, accountId } = options;
  const db = openDatabase(path);
  try {
    // A connected account runs on its platform's clock (the clock passed in), never its own.
    const store = new Store(db, clock, accountId !== undefined);
    store.connectTopics = connectTopics;
    migrate(db, clock);
    ensurePlatformId(store, accountId);
    return new Engine(store, { ...options, clock });
  } catch (error) {
    db.close();
    throw error;
  }
}
