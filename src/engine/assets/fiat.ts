/** Built-in fiat currencies (contract §6.1): always present, never stored, precision 6. */
export const FIAT_PRECISION = 6;

const FIAT: Record<string, { name: string; symbol: string }> = {
  USD: { name: 'US Dollar', symbol: '$' },
  EUR: { name: 'Euro', symbol: '€' },
  GBP: { name: 'British Pound', symbol: '£' },
  JPY: { name: 'Japanese Yen', symbol: '¥' },
  CAD: { name: 'Canadian Dollar', symbol: 'CA$' },
  AUD: { name: 'Australian Dollar', symbol: 'A$' },
  CHF: { name: 'Swiss Franc', symbol: 'CHF' },
  INR: { name: 'Indian Rupee', symbol: '₹' },
  BRL: { name: 'Brazilian Real', symbol: 'R$' },
  SEK: { name: 'Swedish Krona', symbol: 'kr' },
  PLN: { name: 'Polish Złoty', symbol: 'zł' },
  NOK: { name: 'Norwegian Krone', symbol: 'kr' },
  DKK: { name: 'Danish Krone', symbol: 'kr' },
  NZD: { name: 'New Zealand Dollar', symbol: 'NZ$' },
  MXN: { name: 'Mexican Peso', symbol: 'MX$' },
  SGD: { name: 'Singapore Dollar', symbol: 'S$' },
  HKD: { name: 'Hong Kong Dollar', symbol: 'HK$' },
  ZAR: { name: 'South African Rand', symbol: 'R' },
};

export interface FiatCurrency {
  code: string;
  name: string;
  symbol: string;
}

/** The fiat currency with this code, matched case-insensitively. */
export function fiatCurrency(code: string): FiatCurrency | undefined {
  const upper = code.toUpperCase();
  const found = Object.hasOwn(FIAT, upper) ? FIAT[upper] : undefined;
  return found && { code: upper, ...found };
}
