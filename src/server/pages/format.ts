import type { Decimal } from '../../money/decimal.js';
import { formatAmount } from '../../money/amount.js';

/** An amount at the asset's precision, digits grouped by thousands: `1,000,000.50`. */
export function money(value: Decimal, precision: number): string {
  const text = formatAmount(value, precision);
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? '.' + fraction : ''}`;
}

/** `2026-11-24 03:10 UTC`: readable, unambiguous, no client-side time zone guessing. */
export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** `in 9 minutes`, `in 23 hours`: how long a link has left. */
export function timeLeft(iso: string, now: Date): string {
  const ms = Date.parse(iso) - now.getTime();
  if (ms <= 0) return 'expired';
  const minutes = Math.ceil(ms / 60_000);
  if (minutes < 120) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  return `in ${Math.round(minutes / 60)} hours`;
}

/** A payment amount: cents at least (`10.00 USD`), every digit given kept. */
export function price(value: Decimal, precision: number): string {
  return money(value, Math.min(2, precision));
}
