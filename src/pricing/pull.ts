import { stringify } from 'yaml';
import { Decimal, decimalText, isDecimal } from '../money/decimal.js';
import { stringifyJson } from '../json/write.js';
import type { Rate } from '../client/types.js';
import { canon, normalizeProductBody, type Canon } from './canonical.js';
import type { LiveState } from './live.js';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The API reports both sides of a rate, one of them rounded when the reciprocal does not
 * terminate (1/3). The file keeps the exact side: `rate` when both are exact, else the
 * shorter one.
 */
function rateEntry(r: Rate, withTime: boolean): Record<string, Canon> {
  const out: Record<string, Canon> = { source: r.source };
  const rate = new Decimal(r.rate.toString());
  const inverse = new Decimal(r.inverse_rate.toString());
  if (rate.times(inverse).eq(1) || rate.decimalPlaces() <= inverse.decimalPlaces()) out.rate = rate;
  else out.inverse_rate = inverse;
  if (withTime) out.effective_at = new Date(r.effective_at).toISOString().replace('.000Z', 'Z');
  return out;
}

/**
 * The live configuration as a pricing file: custom assets with their active and scheduled
 * rates, products with their default version (drafts-only products are left out). Sorted
 * by code, sources and times, keys in one order: the same state always pulls to the same
 * bytes.
 */
export function pulledDocument(live: LiveState): Record<string, Canon> {
  const assets = [...live.assets]
    .sort((a, b) => byText(a.code, b.code))
    .map((a) => {
      const out: Record<string, Canon> = { code: a.code, name: a.name };
      if (a.label) out.label = a.label;
      if (a.symbol) out.symbol = a.symbol;
      out.precision = new Decimal(a.precision.toString());
      const active = [...a.rates].sort((x, y) => byText(x.source, y.source)).map((r) => rateEntry(r, false));
      const scheduled = [...(a.scheduled_rates ?? [])]
        .sort((x, y) => byText(x.source, y.source) || Date.parse(x.effective_at) - Date.parse(y.effective_at))
        .map((r) => rateEntry(r, true));
      if (active.length + scheduled.length > 0) out.rates = [...active, ...scheduled];
      return out;
    });
  const products: Canon[] = [];
  for (const p of [...live.products].sort((a, b) => byText(a.code, b.code))) {
    const versions = p.versions ?? [];
    const version = versions.find((v) => v.is_default) ?? versions.find((v) => String(v.version) === String(p.default_version));
    if (!version) continue;
    products.push({ code: p.code, ...normalizeProductBody(version) });
  }
  return { assets, products, tests: [] } as Record<string, Canon>;
}

const decimalTag = {
  identify: (value: unknown) => isDecimal(value),
  default: true,
  tag: 'tag:yaml.org,2002:float',
  test: /^-?\d+(\.\d+)?$/,
  resolve: (text: string) => new Decimal(text),
  stringify: ({ value }: { value: unknown }) => decimalText(value as Decimal),
};

export function pulledText(doc: Record<string, Canon>, format: 'yaml' | 'json'): string {
  if (format === 'json') return stringifyJson(canon(doc), 2) + '\n';
  const header = '# Pulled by `credyt pricing pull`: assets, rates and default product versions.\n';
  return header + stringify(doc, { customTags: [decimalTag], lineWidth: 0, sortMapEntries: false });
}
