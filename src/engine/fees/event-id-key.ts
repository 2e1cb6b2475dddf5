/**
 * The 8-byte key the event-id index is made of (schema 29): hex digits 0–11, 13–15 and 17
 * of the id, skipping the version digit and the variant bits. Random ids (v4, v5) give
 * 64 random bits; time-ordered ones (v7, the CLI's v8) their 48-bit time first, so the
 * index grows at its end. An index entry is about a third of one on the 36-character
 * text, and a key shared by two ids is told apart by comparing the full id.
 */
export function eventIdKey(id: string): Buffer {
  // The usual id (36 characters, hex where the key reads): decoded here, no text made.
  if (id.length === 36) {
    const key = Buffer.allocUnsafe(8);
    let ok = true;
    for (let i = 0; i < 8; i++) {
      const high = hexDigit(id.charCodeAt(KEY_DIGITS[2 * i]));
      const low = hexDigit(id.charCodeAt(KEY_DIGITS[2 * i + 1]));
      if (high < 0 || low < 0) {
        ok = false;
        break;
      }
      key[i] = high * 16 + low;
    }
    if (ok) return key;
  }
  return Buffer.from(id.slice(0, 8) + id.slice(9, 13) + id.slice(15, 18) + id.slice(20, 21), 'hex');
}

/** Where the key's 16 hex digits are in the id, in order. */
const KEY_DIGITS = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 15, 16, 17, 20];

/** A hex digit's value (either case), or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** eventIdKey in SQL, of the text `column` (the same digits: substr counts from 1). */
export function eventIdKeySql(column: string): string {
  return `unhex(substr(${column}, 1, 8) || substr(${column}, 10, 4) || substr(${column}, 16, 3) || substr(${column}, 21, 1))`;
}
