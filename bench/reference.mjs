// A fixed piece of CPU work, timed: how fast this machine runs right now. On a shared
// virtual machine the same code runs 30 % faster or slower from one hour to the next, and
// a benchmark's figure means little without the state of the machine it was taken in.
import { createHash } from 'node:crypto';

const DOC = { customer: 'c42', type: 'response_completed', data: { input_tokens: 1234, output_tokens: 567 }, subject: 'r1' };

/** Milliseconds of a fixed mix of hashing and JSON work (best of three; lower is faster). */
export function referenceMs() {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    let text = JSON.stringify(DOC);
    for (let i = 0; i < 40_000; i++) {
      const parsed = JSON.parse(text);
      parsed.subject = createHash('sha1').update(text).digest('hex');
      text = JSON.stringify(parsed);
    }
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * The floor under ingest on this machine now: bare better-sqlite3 writing the rows an
 * ingest of `events` priced events writes (one event row with a unique text id, one journal
 * entry and four postings: two fees, each a debit and a credit), `batch` events a
 * transaction, on a file database in WAL mode with synchronous=FULL (as the engine opens
 * it), no engine code. `keys`: `random` ids (UUIDv4, what clients send) or `ordered` ones
 * (a time prefix first, as UUIDv7): the unique index on the id is what separates them.
 * Answers events/s over the whole run and wall µs per event of the first and last tenth
 * (how the cost grows with the table).
 */
export async function bareSqliteIngest({ events, keys, dir, batch = 1000 }) {
  const { default: Database } = await import('better-sqlite3');
  const { randomUUID } = await import('node:crypto');
  const { join } = await import('node:path');
  const { rmSync } = await import('node:fs');
  const path = join(dir, `bare-${keys}.db`);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, customer_id TEXT NOT NULL,
      event_type TEXT NOT NULL, occurred_at TEXT NOT NULL, data TEXT NOT NULL, fees TEXT NOT NULL, entry_id INTEGER) STRICT;
    CREATE TABLE journal_entries (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, reference TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
    CREATE TABLE journal_postings (id INTEGER PRIMARY KEY, entry_id INTEGER NOT NULL, account_seq INTEGER NOT NULL,
      bucket TEXT NOT NULL, amount TEXT NOT NULL) STRICT;
    CREATE INDEX journal_postings_by_entry ON journal_postings (entry_id);
    CREATE INDEX journal_postings_by_account ON journal_postings (account_seq, bucket, id);`);
  const event = db.prepare('INSERT INTO events (id, customer_id, event_type, occurred_at, data, fees, entry_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const entry = db.prepare("INSERT INTO journal_entries (kind, reference, created_at) VALUES ('usage', ?, ?)");
  const posting = db.prepare("INSERT INTO journal_postings (entry_id, account_seq, bucket, amount) VALUES (?, ?, 'available', ?)");
  const started = Date.now();
  // A UUIDv7-shaped id: 48 bits of milliseconds, then random bits.
  const ordered = (i) => `${(started + i).toString(16).padStart(12, '0').replace(/^(.{8})/, '$1-')}-7${randomUUID().slice(15)}`;
  const write = db.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const id = keys === 'ordered' ? ordered(i) : randomUUID();
      const at = new Date(started + i).toISOString();
      const entryId = entry.run(id, at).lastInsertRowid;
      event.run(id, `cust_${i % 100}`, 'response_completed', at, `{"input_tokens":${1000 + (i % 5000)},"output_tokens":${i % 700}}`, '[]', entryId);
      const account = (i % 100) + 2;
      posting.run(entryId, account, '-0.0012');
      posting.run(entryId, 1, '0.0012');
      posting.run(entryId, account, '-0.0034');
      posting.run(entryId, 1, '0.0034');
    }
  });
  const tenth = Math.max(batch, Math.floor(events / 10 / batch) * batch);
  const tenths = [];
  const began = performance.now();
  for (let from = 0; from < events; from += tenth) {
    const t = performance.now();
    const to = Math.min(events, from + tenth);
    for (let b = from; b < to; b += batch) write(b, Math.min(to, b + batch));
    tenths.push(((performance.now() - t) * 1000) / (to - from));
  }
  const seconds = (performance.now() - began) / 1000;
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  return { eventsPerSecond: events / seconds, firstTenthUs: tenths[0], lastTenthUs: tenths.at(-1) };
}
