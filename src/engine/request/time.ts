/** The engine's only source of time; injected so tests can move it. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Parses an ISO-8601 date-time that carries a zone (`Z` or an offset). Date.parse alone
 * accepts impossible dates such as Feb 30 by rolling them over, so the fields are checked
 * first. Fractions beyond milliseconds (.NET writes 7 digits) are truncated.
 */
export function parseTimestamp(text: string): Date | undefined {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The value of the ASCII digit at `at` of `text`, or -1 (anything else). */
function digitAt(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/** The number written by the two ASCII digits at `at`, or -1. */
function twoDigits(text: string, at: number): number {
  const high = digitAt(text, at);
  const low = digitAt(text, at + 1);
  return high < 0 || low < 0 ? -1 : high * 10 + low;
}

/**
 * isoText of parseTimestamp(text), or undefined where that is undefined. Usage files and
 * clients write `2026-12-05T20:21:48.123Z` (or without the fraction): that form is checked
 * digit by digit, with no regex, Date or text made; everything else takes parseTimestamp.
 */
export function timestampText(text: string): string | undefined {
  const length = text.length;
  if ((length === 24 || length === 20) && text.charCodeAt(length - 1) === 90 /* Z */) {
    const century = twoDigits(text, 0);
    const yearOfCentury = twoDigits(text, 2);
    const month = twoDigits(text, 5);
    const day = twoDigits(text, 8);
    const hour = twoDigits(text, 11);
    const minute = twoDigits(text, 14);
    const second = twoDigits(text, 17);
    const fraction = length === 20 || (text.charCodeAt(19) === 46 /* . */ && digitAt(text, 20) >= 0 && twoDigits(text, 21) >= 0);
    if (
      fraction &&
      // Years before 100 take the slow path: Date.UTC reads them as 19xx.
      century >= 1 &&
      yearOfCentury >= 0 &&
      text.charCodeAt(4) === 45 /* - */ &&
      text.charCodeAt(7) === 45 &&
      text.charCodeAt(10) === 84 /* T */ &&
      text.charCodeAt(13) === 58 /* : */ &&
      text.charCodeAt(16) === 58 &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      (day <= 28 || day <= daysInMonth(century * 100 + yearOfCentury, month)) &&
      hour >= 0 &&
      hour <= 23 &&
      minute >= 0 &&
      minute <= 59 &&
      second >= 0 &&
      second <= 59
    ) {
      return length === 24 ? text : `${text.slice(0, 19)}.000Z`;
    }
  }
  const date = parseTimestamp(text);
  return date && isoText(date);
}

let lastIsoMs = Number.NaN;
let lastIsoText = '';

/** Stored and reported form of every instant: fixed-width UTC, so text order is time order. */
export function isoText(date: Date): string {
  const ms = date.getTime();
  // A write formats the same instant several times (entry, row, answer): keep the last.
  if (ms !== lastIsoMs) {
    lastIsoText = date.toISOString();
    lastIsoMs = ms;
  }
  return lastIsoText;
}

export function addHours(date: Date, hours: number): Date {
  return new Date(date.getTime() + hours * 3_600_000);
}

export type CalendarUnit = 'day' | 'week' | 'month' | 'year';

/**
 * `date` plus `count` calendar months, clamped to the last day of a shorter month: Jan 31
 * + 1 month = Feb 28 (29 in a leap year), + 2 months = Mar 31. Time of day is kept. Billing
 * periods are computed from their anchor (anchor + k months), never chained, so a clamped
 * February does not pull every later period to the 28th.
 */
export function addMonths(date: Date, count: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + count;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month + 1));
  const out = new Date(date.getTime());
  out.setUTCFullYear(year, month, day);
  return out;
}

/** `date` plus `count` intervals: days and weeks are exact (UTC has no DST), months and years calendar ones. */
export function addInterval(date: Date, unit: CalendarUnit, count: number): Date {
  switch (unit) {
    case 'day':
      return new Date(date.getTime() + count * 86_400_000);
    case 'week':
      return new Date(date.getTime() + count * 7 * 86_400_000);
    case 'month':
      return addMonths(date, count);
    case 'year':
      return addMonths(date, count * 12);
  }
}
