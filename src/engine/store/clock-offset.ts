import type { Db, Statement } from './db.js';

/**
 * The local clock's offset from wall time, in milliseconds, kept in the `clock` table
 * (docs/subscriptions.md, "The local clock"): every process serving or embedding the file
 * reads it on every tick, so `local serve` and the embedded profile agree on the time.
 * Before the table exists (while migrating) the offset is zero.
 */
export class ClockOffset {
  private read: Statement | undefined;

  constructor(
    private readonly db: Db,
    /** Called after set: a value kept for the open transaction is stale. */
    private readonly changed: () => void = () => {},
  ) {}

  get(): number {
    if (!this.read) {
      const exists = this.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'clock'").get();
      if (!exists) return 0;
      this.read = this.db.prepare('SELECT offset_ms FROM clock WHERE id = 1').pluck();
    }
    return (this.read.get() as number | undefined) ?? 0;
  }

  /** Call inside a write transaction. */
  set(offsetMs: number): void {
    this.db.prepare('UPDATE clock SET offset_ms = ? WHERE id = 1').run(offsetMs);
    this.changed();
  }
}
