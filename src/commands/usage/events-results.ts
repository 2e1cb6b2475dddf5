import { parseJsonLossless } from '../../json/parse.js';

/** One event of a `POST /events` answer, as far as our servers say. */
export interface AnsweredEvent {
  id: string;
  status: string;
  event_type?: string;
  fees?: unknown[] | null;
  /** The minimal answer's stand-in for `fees` (`Prefer: return=minimal`, our servers). */
  billed?: unknown;
}

/**
 * The answer's per-event results, or undefined when the body is empty, not JSON, or has
 * no (or an empty) `events` array. Credyt documents the call but not its answer (status and body), so
 * any 2xx is a delivered batch; only our servers are known to list each event.
 * @param exact parse numbers decimal-exactly (fees that will be printed)
 */
export function perEventResults(body: string, exact: boolean): AnsweredEvent[] | undefined {
  if (body.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = exact ? parseJsonLossless(body) : JSON.parse(body);
  } catch {
    return undefined;
  }
  return eventsOfAnswer(parsed);
}

/** The per-event results of an answer already parsed (undefined for none, as perEventResults). */
export function eventsOfAnswer(parsed: unknown): AnsweredEvent[] | undefined {
  const events = (parsed as { events?: unknown } | null | undefined)?.events;
  // An empty list says nothing of the events sent either.
  return Array.isArray(events) && events.length > 0 ? (events as AnsweredEvent[]) : undefined;
}
