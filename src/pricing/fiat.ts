/**
 * Fiat currencies the API has built in (contract §6.1; the local engine's list). A pricing
 * file never declares them; `validate` accepts them wherever an asset is named, offline.
 */
export const FIAT_CODES: ReadonlySet<string> = new Set([
  'USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'INR', 'BRL', 'SEK', 'PLN',
  'NOK', 'DKK', 'NZD', 'MXN', 'SGD', 'HKD', 'ZAR',
]);

export const FIAT_PRECISION = 6;

export function isFiat(code: string): boolean {
  return FIAT_CODES.has(code.toUpperCase());
}
