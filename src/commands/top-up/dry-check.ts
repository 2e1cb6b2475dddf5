import type { CredytClient } from '../../client/client.js';
import { ApiError, CredytError, ExitCode } from '../../errors.js';
import type { Decimal } from '../../money/decimal.js';
import type { DryChecker, DryJob } from '../../pipeline/dry-run.js';
import type { DryOutcome } from '../../pipeline/dry-plan.js';
import { failure } from '../../pipeline/scheduler.js';
import { PaymentError, type AssetLookup } from '../../services/credit/conversion.js';
import { cachedAssetLookup } from '../../services/credit/lookups.js';
import { prepareCredit } from '../../services/credit/request.js';
import { customerCheck, type CheckedCustomer } from '../../services/customer-check.js';
import type { CreditItem } from './bulk-send.js';

/** The asset credited and whether the amount fits its precision, as the ledger would refuse it. */
async function checkAsset(assets: AssetLookup, code: string, amount: Decimal): Promise<{ asset: string } | { code: string; message: string }> {
  let precision;
  try {
    precision = await assets(code);
  } catch (error) {
    if (error instanceof ApiError && error.exitCode === ExitCode.NotFound) return { code: 'unknown_asset', message: `no asset ${code}` };
    throw error;
  }
  if (amount.decimalPlaces() > precision.precision) {
    return { code: 'invalid_amount', message: `${amount.toFixed()} ${precision.code} has more than the ${precision.precision} decimal places ${precision.code} allows` };
  }
  return { asset: precision.code };
}

async function checkLine(client: CredytClient, customers: (ref: string) => Promise<CheckedCustomer>, assets: AssetLookup, item: CreditItem): Promise<DryOutcome> {
  const id = item.transactionId;
  try {
    const found = await customers(item.customer);
    if (!found.ok) return { ok: false, id, code: found.code, message: found.message };
    // The same request, conversion and quote included, as the real run makes for this line.
    const { input, conversion } = await prepareCredit(client, item, assets);
    const extra: Record<string, unknown> = {};
    if (conversion) extra.exchange_rate = conversion.exchangeRate;
    const checked = await checkAsset(assets, input.asset, input.amount);
    if ('code' in checked) return { ok: false, id, ...checked };
    return { ok: true, id, customer: item.customer, customerId: found.customer.id, amounts: [{ asset: checked.asset, amount: input.amount }], extra };
  } catch (error) {
    if (error instanceof PaymentError) return { ok: false, id, code: error.code, message: error.message };
    // The server gone is the run's failure, not the line's (exit 8, as a real run).
    if (!(error instanceof CredytError) || error.exitCode === ExitCode.Network) throw error;
    const f = failure(error);
    return { ok: false, id, code: f.code, message: f.message };
  }
}

/**
 * The dry run of `top-up --file` and `adjust --file`: each line's customer (read once),
 * its conversion (quoted as the real run quotes it) and the asset's existence and
 * precision. A line applied before is counted as it would be credited now: a dry run
 * does not look up transaction ids (the real run answers `duplicate`).
 */
export function creditDryCheck(concurrency: number): DryChecker<CreditItem> {
  let customers: ((ref: string) => Promise<CheckedCustomer>) | undefined;
  let assets: AssetLookup | undefined;
  return {
    // Lines checked at once: as many requests in flight as the real run's --concurrency.
    batch: concurrency,
    amounts: 'credit',
    async check(client: CredytClient, jobs: DryJob<CreditItem>[]) {
      customers ??= customerCheck(client);
      assets ??= cachedAssetLookup(client);
      return Promise.all(jobs.map((job) => checkLine(client, customers!, assets!, job.item)));
    },
  };
}
