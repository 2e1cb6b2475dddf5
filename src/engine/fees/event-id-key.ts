/**
 * The 8-byte key the event-id index is made of (schema 29): hex digits 0–11, 13–15 and 17
 * of the id, skipping the version digit and the variant bits. Random ids (v4, v5) give
 * 64 random bits; time-ordered ones (v7, the CLI's v8) their 48-bit time first, so the
 * index grows at its end. An index entry is about a third of one on the 36-character
 * text, and a key shared by two ids is told apart by comparing the full id.
 */
export function eventIdKey(id: string): Buffer {
  return Buffer.from(id.slice(0, 8) + id.slice(9, 13) + id.slice(15, 18) + id.slice(20, 21), 'hex');
}

/** eventIdKey in SQL, of the text `column` (the same digits: substr counts from 1). */
export function eventIdKeySql(column: string): string {
  return `unhex(substr(${column}, 1, 8) || substr(${column}, 10, 4) || substr(${column}, 16, 3) || substr(${column}, 21, 1))`;
}
