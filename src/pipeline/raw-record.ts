/** One input line (a CSV record may span lines): its parsed fields, or why it could not be read. */
export interface RawRecord {
  /** 1-based line number where the record starts. */
  line: number;
  /** The line as read, without its line break: written verbatim to a rejects file. */
  text: string;
  value?: Record<string, unknown>;
  error?: string;
}
