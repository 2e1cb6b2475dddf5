import type { CredytClient } from '../../client/client.js';
import { Decimal } from '../../money/decimal.js';
import { toDecimal } from '../../money/json.js';
import { Ratio } from '../../money/ratio.js';
import { UsageError } from '../../errors.js';

/** What a platform-initiated top-up credits, and how it was worked out. */
export interface Conversion {
  asset: string;
  quantity: Decimal;
  /** Units of `asset` per one unit of the paid currency. */
  exchangeRate: Decimal;
  source: 'same-asset' | 'override' | 'quote';
}

/**
 * Converts a fiat amount into the destination asset: 1:1 when it is the same asset,
 * through `--rate` (units per currency unit, rounded down to the asset's precision, as
 * the engine does), or else through the API's quote at the active rate.
 */
export async function convert(
  client: CredytClient,
  amount: Decimal,
  currency: string,
  asset: string,
  override: Decimal | undefined,
): Promise<Conversion> {
  if (asset.toUpperCase() === currency.toUpperCase()) {
    if (override !== undefined && !override.eq(1)) {
      throw new UsageError(`--rate must be 1 (or left out) when ${currency} is credited as ${asset}.`);
    }
    return { asset, quantity: amount, exchangeRate: new Decimal(1), source: 'same-asset' };
  }
  if (override !== undefined) {
    const target = await client.getAsset(asset);
    const precision = toDecimal(target.precision).toNumber();
    const quantity = Ratio.fromDecimal(override).multiplyFloor(amount, precision);
    return { asset: target.code, quantity, exchangeRate: override, source: 'override' };
  }
  const quote = await client.quote(asset, { source: currency, amount });
  return {
    asset: quote.asset,
    quantity: toDecimal(quote.quantity),
    exchangeRate: toDecimal(quote.inverse_rate),
    source: 'quote',
  };
}
