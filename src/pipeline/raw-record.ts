/** One input line (a CSV record may span lines): its parsed fields, or why it could not be read. */
export interface RawRecord {
  /** 1-based line number where the record starts. */
  line: number;
  /** The line as read, without its line break: written verbatim to a rejects file. */
  text: string;
  value?: Record<string, unknown>;
  error?: string;
}

/**
 * Records an input yields at once at most: a few lines at a time, not a chunk's thousand,
 * so that each line's parsed value dies before V8's young generation is collected instead
 * of being copied out of it.
 */
export const RECORDS_AT_ONCE = 64;
