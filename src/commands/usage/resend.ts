import { ApiError, NetworkError } from '../../errors.js';
import { stringifyJson } from '../../json/write.js';

interface SentEvent {
  id: string;
  event_type: string;
  occurred_at: string;
  subject?: string;
  description?: string;
  data?: Record<string, unknown>;
}

/** A word as the shell reads it back unchanged. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `credyt usage post …` that sends exactly this event again (same id, same time). */
export function resendCommand(customer: string, event: SentEvent): string {
  const words = ['credyt', 'usage', 'post', customer, '--type', event.event_type, '--id', event.id, '--occurred-at', event.occurred_at];
  if (event.subject !== undefined) words.push('--subject', event.subject);
  if (event.description !== undefined) words.push('--description', event.description);
  if (event.data !== undefined && Object.keys(event.data).length > 0) words.push('--data-json', stringifyJson(event.data));
  return words.map(shellWord).join(' ');
}

/**
 * A failure after the event may have reached the server (the network, or a 5xx once the
 * retries ran out): the error names the event and the command that re-sends it safely —
 * its id is the idempotency key, so a copy that did arrive is answered as a duplicate.
 */
export function withResendAdvice(error: unknown, customer: string, event: SentEvent): unknown {
  const unsure = error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
  if (!unsure) return error;
  const e = error as NetworkError | ApiError;
  const hint = `Event ${event.id} may or may not have been stored. Re-send it safely (the same id is never billed twice):\n  ${resendCommand(customer, event)}`;
  const again = e instanceof NetworkError ? new NetworkError(`${e.message} (event ${event.id})`, hint) : new ApiError(`${e.message} (event ${event.id})`, e.exitCode, e.status, e.problem, hint);
  return again;
}
