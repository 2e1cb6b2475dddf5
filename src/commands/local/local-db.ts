import { existsSync } from 'node:fs';
import type { Engine } from '../../engine/index.js';
import { UsageError } from '../../errors.js';
import type { Runtime } from '../../runtime.js';

/**
 * Opens the engine's own database for the `local` verbs that read or administer it
 * directly (verify, keys): the embedded profile's file, or --db. Runs `use` and closes it.
 */
export async function withLocalEngine<T>(rt: Runtime, verb: string, use: (engine: Engine, dbPath: string) => T): Promise<T> {
  const target = rt.target();
  const dbPath = target.kind === 'embedded' ? target.dbPath : rt.flags.db;
  if (!dbPath) throw new UsageError(`local ${verb} works on the embedded engine's database: give --db PATH or use the local profile.`);
  if (!existsSync(dbPath)) throw new UsageError(`No database at ${dbPath}.`);
  const { openEngine } = await import('../../engine/index.js');
  const engine = openEngine({ path: dbPath, clock: rt.ctx.now });
  try {
    return use(engine, dbPath);
  } finally {
    engine.close();
  }
}
