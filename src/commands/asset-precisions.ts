import type { CredytClient } from '../client/client.js';
import { toDecimal } from '../json/parse.js';
import type { Output } from '../render/output.js';

/**
 * Asset precisions for table output, fetched once per asset code. Commands fetch them and
 * hand the lookup to a renderer: renderers format what they are given and never fetch. An asset the API does
 * not describe (a remote fiat currency, say) has no known precision: its amounts are
 * shown exactly as received.
 */
export async function assetPrecisions(
  client: CredytClient,
  codes: Iterable<string>,
): Promise<Map<string, number | undefined>> {
  // A minimal answer may leave an asset out (a fee of only amount and product_version).
  const unique = [...new Set([...codes].filter((c) => typeof c === 'string').map((c) => c.toUpperCase()))];
  const entries = await Promise.all(
    unique.map(async (code) => {
      try {
        const asset = await client.getAsset(code);
        return [code, toDecimal(asset.precision).toNumber()] as const;
      } catch {
        return [code, undefined] as const;
      }
    }),
  );
  return new Map(entries);
}

/**
 * Precision by asset code for printing `assets`: looked up only for a table, the one
 * format that pads amounts; every other format prints them as received.
 */
export async function tablePrecisions(
  out: Output,
  client: CredytClient,
  assets: Iterable<string>,
): Promise<(asset: string) => number | undefined> {
  if (out.mode !== 'table' || out.quiet) return () => undefined;
  const map = await assetPrecisions(client, assets);
  return (asset) => (typeof asset === 'string' ? map.get(asset.toUpperCase()) : undefined);
}
