import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/engine/store/db.js';
import { migrate } from '../../../src/engine/store/migrations.js';
import { ClockOffset } from '../../../src/engine/store/clock-offset.js';
import { Store } from '../../../src/engine/store/store.js';
import { tempDir } from './fixture.js';

const WALL = new Date('2026-03-01T00:00:00.000Z');

describe("the store's clock offset", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  function fileStore() {
    const tmp = tempDir();
    const path = join(tmp.dir, 'clock.db');
    const db = openDatabase(path);
    migrate(db, () => WALL);
    cleanup = () => {
      db.close();
      tmp.cleanup();
    };
    return { store: new Store(db, () => WALL), path };
  }

  it('is read once per write transaction, and a set inside it is seen at once', () => {
    const { store } = fileStore();
    const reads = vi.spyOn(ClockOffset.prototype, 'get');
    const seen = store.write(() => {
      const first = [store.clock(), store.clock(), store.clock()].map((d) => d.getTime() - WALL.getTime());
      store.clockOffset.set(5000);
      return [...first, store.clock().getTime() - WALL.getTime()];
    });
    expect(seen).toEqual([0, 0, 0, 5000]);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('follows a move made by another connection between transactions', () => {
    const { store, path } = fileStore();
    expect(store.write(() => store.clock().getTime())).toBe(WALL.getTime());
    const other = new Database(path);
    other.prepare('UPDATE clock SET offset_ms = 60000 WHERE id = 1').run();
    other.close();
    expect(store.write(() => store.clock().getTime())).toBe(WALL.getTime() + 60000);
    expect(store.clock().getTime()).toBe(WALL.getTime() + 60000);
  });

  it('within a commit group too: the next group reads it again', async () => {
    const { store, path } = fileStore();
    const groups = store.groupCommit();
    const mark = groups.mark();
    expect(store.write(() => store.clock().getTime())).toBe(WALL.getTime());
    expect(store.write(() => store.clock().getTime())).toBe(WALL.getTime());
    await groups.settled(mark);
    const other = new Database(path);
    other.prepare('UPDATE clock SET offset_ms = 1000 WHERE id = 1').run();
    other.close();
    const next = groups.mark();
    expect(store.write(() => store.clock().getTime())).toBe(WALL.getTime() + 1000);
    await groups.settled(next);
    store.flush();
  });
});
