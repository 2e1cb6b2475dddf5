import { addMonths } from '../request/time.js';

/** An ISO-8601 duration's parts (`P1Y2M3W4DT5H6M7S`); weeks may mix with the rest, as ISO 8601-2 allows. */
export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const SHAPE = /^P(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(?:(\d{1,6})W)?(?:(\d{1,7})D)?(?:T(?:(\d{1,8})H)?(?:(\d{1,9})M)?(?:(\d{1,10})S)?)?$/;

/** Whole-number ISO-8601 durations only; undefined for anything else, for `P`, `PT` and zero. */
export function parseDuration(text: string): Duration | undefined {
  const m = SHAPE.exec(text.toUpperCase());
  if (!m || text.length < 3 || text.toUpperCase().endsWith('T')) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = m.slice(1).map((part) => Number(part ?? 0));
  const d = { years, months, weeks, days, hours, minutes, seconds };
  return Object.values(d).some((n) => n > 0) ? d : undefined;
}

/**
 * `from` plus a duration: calendar years and months first (clamped to a shorter month's
 * last day: Jan 31 + P1M = Feb 28), then exact weeks, days and time (UTC has no DST).
 */
export function addDuration(from: Date, d: Duration): Date {
  const calendar = d.years || d.months ? addMonths(from, d.years * 12 + d.months) : from;
  const ms = (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000;
  return new Date(calendar.getTime() + ms);
}
