import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/engine/store/db.js';
import { tempDir } from './fixture.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('a new database', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('is created 0600 with its WAL and SHM, in a 0700 directory, whatever the umask', () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    const path = join(tmp.dir, 'data', 'credyt.db');
    const umask = process.umask(0o022);
    try {
      const db = openDatabase(path);
      db.exec('create table t (x integer) strict; insert into t values (1)');
      expect(existsSync(`${path}-wal`)).toBe(true);
      expect([mode(path), mode(`${path}-wal`), mode(`${path}-shm`)]).toEqual([0o600, 0o600, 0o600]);
      expect(mode(join(tmp.dir, 'data'))).toBe(0o700);
      db.close();
    } finally {
      process.umask(umask);
    }
  });
});
