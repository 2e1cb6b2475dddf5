import type { Decimal } from '../../money/decimal.js';
import { MAX_UNITS } from '../../money/amount.js';
import type { Fields } from '../request/fields.js';
import { show } from '../request/show.js';

export type Sign = 'positive' | 'negative' | 'nonzero';

const SIGN_TEXT: Record<Sign, string> = {
  positive: 'greater than zero',
  negative: 'less than zero',
  nonzero: 'non-zero',
};

export interface AmountRule {
  precision: number;
  /** Why that precision, e.g. "TOK has precision 0". */
  precisionNote: string;
  sign: Sign;
  /** Why that sign, e.g. " for reason charge". */
  signNote?: string;
}

/** The rule for an amount of an asset. */
export function assetRule(asset: { code: string; precision: number }, sign: Sign, signNote?: string): AmountRule {
  return { precision: asset.precision, precisionNote: `${asset.code} has precision ${asset.precision}`, sign, signNote };
}

/**
 * Checks a client-supplied amount: sign, the 10^18 bound and precision (more digits are
 * rejected, never rounded: contract §6.1). Records at most one problem under `key`.
 */
export function checkAmount(fields: Fields, key: string, value: Decimal, rule: AmountRule): boolean {
  const name = fields.name(key);
  const { sign } = rule;
  let problem: string | undefined;
  if (value.abs().gt(MAX_UNITS)) {
    problem = `${name} ${show(value)} exceeds 10^18`;
  } else if (
    (sign === 'positive' && !value.gt(0)) ||
    (sign === 'negative' && !value.lt(0)) ||
    (sign === 'nonzero' && value.isZero())
  ) {
    problem = `${name} must be ${SIGN_TEXT[sign]}${rule.signNote ?? ''}, got ${show(value)}`;
  } else if (value.decimalPlaces() > rule.precision) {
    problem = `${name} ${show(value)} has more than ${rule.precision} decimal places (${rule.precisionNote})`;
  }
  if (problem) fields.fail(key, problem);
  return problem === undefined;
}
