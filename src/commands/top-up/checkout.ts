import type { Runtime } from '../../runtime.js';
import type { Decimal } from '../../money/decimal.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../render/records.js';
import { topUpColumns } from '../../render/top-ups.js';
import type { CreditFlags } from './flags.js';

export interface CheckoutFlags {
  returnUrl?: string;
  failureUrl?: string;
}

function checkUrl(flag: string, value: string | undefined): string {
  if (!value) throw new UsageError(`${flag} is required with --checkout.`);
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
  } catch {
    throw new UsageError(`${flag} "${value}" is not an http(s) URL.`);
  }
  return value;
}

/** `top-up --checkout`: a payment top-up that shows in pending_in until it completes. */
export async function runCheckout(
  rt: Runtime,
  opts: CheckoutFlags & CreditFlags & { asset?: string; rate?: Decimal; transactionId?: string },
  ref: string,
  amount: Decimal,
  currency: string,
): Promise<void> {
  const returnUrl = checkUrl('--return-url', opts.returnUrl);
  const failureUrl = checkUrl('--failure-url', opts.failureUrl);
  if (opts.transactionId) throw new UsageError('--transaction-id does not apply to --checkout top-ups.');
  const client = await rt.client();
  const customerId = await client.resolveCustomer(ref);
  const topUp = await client.createTopUp({
    customer_id: customerId,
    amount,
    currency,
    description: opts.description,
    destination: {
      account_name: opts.accountName,
      asset: opts.asset,
      exchange_rate: opts.rate,
    },
    credit_expires_at: opts.expiresAt,
    return_url: returnUrl,
    failure_url: failureUrl,
    metadata: opts.metadata,
  });
  rt.note(`Started top-up ${topUp.id}; the customer pays at the redirect URL.`);
  printRecord(rt.output, { columns: topUpColumns, row: topUp, json: topUp, id: (t) => t.id });
  if (rt.target().kind === 'embedded' && !rt.flags.quiet) {
    rt.io.stderr.write(checkoutOnEmbedded(topUp.id));
  }
}

/** The embedded profile serves no pages: how to open the link, or settle it without one. */
function checkoutOnEmbedded(id: string): string {
  return (
    'The embedded profile has no web server: run `credyt local serve` (port 4010, this database) to open the link, ' +
    `or settle it here with \`credyt top-ups complete ${id}\` or \`fail ${id}\`.\n`
  );
}
