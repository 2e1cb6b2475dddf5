import { assetRule, checkAmount } from './amounts.js';
import { readFiat, requireAsset } from './asset-registry.js';
import { convertDown } from '../../money/convert.js';
import { rateInForce } from './conversion.js';
import { invalid } from '../request/errors.js';
import { Fields } from '../request/fields.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import type { QuoteView } from '../types.js';

/** `POST /assets/{code}/quote`: what `amount` of `source` buys now, rounded down. */
export function quote(store: Store, code: string, body: unknown): QuoteView {
  const asset = requireAsset(store, code);
  const fields = Fields.of(body);
  const source = readFiat(fields, 'source');
  const amount = fields.decimal('amount');
  if (source && amount) checkAmount(fields, 'amount', amount, assetRule(source, 'positive'));
  fields.done();
  if (!source || !amount) throw new Error('unreachable: fields.done() passed without source and amount');

  const now = store.clock();
  const rate = rateInForce(store, asset, source.code, now);
  if (!rate) throw invalid('source', `${asset.code} has no ${source.code} rate in force`);
  return {
    asset: asset.code,
    source: source.code,
    amount,
    quantity: convertDown(amount, rate.inverse, asset.precision).quantity,
    rate: rate.rate,
    inverse_rate: rate.inverse_rate,
    quoted_at: isoText(now),
  };
}
