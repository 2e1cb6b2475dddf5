// Bare better-sqlite3 writing rows shaped as the engine's events, for ingest-growth.mjs: the
// floor an engine figure is read against, taken in the same invocation on the same machine.
// Same pragmas as the engine's store (WAL, synchronous FULL, 128 MiB cache, checkpoint at
// 64 MiB), one transaction per `group` rows, and the event-id lookup in one of the layouts
// the engine could use:
//   text      id TEXT UNIQUE (the engine until schema 29)
//   key64     id TEXT, id_key INTEGER (64 bits of the id) in a narrow non-unique index,
//             probed before the insert and the full id compared (the engine from schema
//             29 keeps 8 bytes of the id as a BLOB, probed by its uniqueness trigger)
//   blob16    id TEXT, id_bytes BLOB UNIQUE (the id's 16 bytes)
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Bytes this process has handed to write() so far (/proc/self/io `wchar`): WAL frames and
 * checkpoint copies, whatever the machine's load: the figure a busy machine cannot skew.
 */
export function written() {
  return Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))[1]);
}

const TABLE = `CREATE TABLE events (
  seq INTEGER PRIMARY KEY, id TEXT NOT NULL %UNIQUE%, customer_id TEXT NOT NULL, event_type TEXT NOT NULL,
  occurred_at TEXT NOT NULL, received_at TEXT NOT NULL, subject TEXT, data TEXT NOT NULL,
  request_hash TEXT NOT NULL, fees TEXT NOT NULL%KEY%) STRICT;
CREATE INDEX events_by_customer ON events (customer_id, received_at, seq);
CREATE INDEX events_by_received ON events (received_at, seq);`;

/** The signed 64-bit integer of a UUID's hex digits 0–15 (time and hash bits in v7/v8, random in v4). */
export function idKey(id) {
  return BigInt.asIntN(64, BigInt(`0x${id.slice(0, 8)}${id.slice(9, 13)}${id.slice(14, 18)}`));
}

/**
 * Writes `total` rows whose ids come from `nextId()`, `group` rows a transaction, and returns
 * the wall and CPU time of each tenth: [{ rows, wallS, cpuUs }].
 */
export function referenceRun(dir, layout, total, group, nextId) {
  const db = new Database(join(dir, `reference-${layout}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('journal_size_limit = 67108864');
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -131072');
  const key64 = layout === 'key64';
  const blob16 = layout === 'blob16';
  const key = key64 ? ', id_key INTEGER NOT NULL' : blob16 ? ', id_bytes BLOB NOT NULL UNIQUE' : '';
  db.exec(TABLE.replace('%UNIQUE%', layout === 'text' ? 'UNIQUE' : '').replace('%KEY%', key));
  if (key64) db.exec('CREATE INDEX events_by_id_key ON events (id_key)');
  db.defaultSafeIntegers(true);
  const insert = db.prepare(
    key64
      ? 'INSERT INTO events (id, customer_id, event_type, occurred_at, received_at, subject, data, request_hash, fees, id_key) VALUES (?,?,?,?,?,?,?,?,?,?)'
      : blob16
      ? 'INSERT INTO events (id, customer_id, event_type, occurred_at, received_at, subject, data, request_hash, fees, id_bytes) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id_bytes) DO NOTHING'
      : 'INSERT INTO events (id, customer_id, event_type, occurred_at, received_at, subject, data, request_hash, fees) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING',
  );
  const probe = key64 ? db.prepare('SELECT id FROM events WHERE id_key = ?').pluck() : undefined;
  const write = db.transaction((ids, received) => {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const row = [id, `cust_${i % 100}`, 'response_completed', received, received, `r${i}`, `{"input_tokens":${1000 + i},"output_tokens":${i % 700}}`, 'f'.repeat(64), '[]'];
      if (key64) {
        const key = idKey(id);
        if (probe.all(key).includes(id)) continue;
        insert.run(...row, key);
      } else if (blob16) insert.run(...row, Buffer.from(id.replace(/-/g, ''), 'hex'));
      else insert.run(...row);
    }
  });
  const tenth = Math.ceil(total / 10 / group) * group;
  const out = [];
  let done = 0;
  try {
    while (done < total) {
      let wall = 0;
      let cpu = 0;
      const wroteBefore = written();
      const start = done;
      while (done < total && done - start < tenth) {
        const ids = Array.from({ length: Math.min(group, total - done) }, nextId);
        const received = new Date(1_700_000_000_000 + done).toISOString();
        const cpuBefore = process.cpuUsage();
        const began = process.hrtime.bigint();
        write(ids, received);
        wall += Number(process.hrtime.bigint() - began) / 1e9;
        const used = process.cpuUsage(cpuBefore);
        cpu += used.user + used.system;
        done += ids.length;
      }
      out.push({ rows: done - start, wallS: wall, cpuUs: cpu, bytes: written() - wroteBefore });
    }
  } finally {
    db.close();
  }
  return out;
}
