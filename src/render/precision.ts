import type { CredytClient } from '../client/client.js';
import { toDecimal } from '../money/json.js';

/**
 * Asset precisions for table output, fetched once per asset code. An asset the API does
 * not describe (a remote fiat currency, say) has no known precision: its amounts are
 * shown exactly as received.
 */
export async function assetPrecisions(
  client: CredytClient,
  codes: Iterable<string>,
): Promise<Map<string, number | undefined>> {
  const unique = [...new Set([...codes].map((c) => c.toUpperCase()))];
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

export function precisionOf(map: Map<string, number | undefined>, code: string | undefined) {
  return code === undefined ? undefined : map.get(code.toUpperCase());
}
