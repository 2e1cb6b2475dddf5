import type { Command } from 'commander';
import type { SubscriptionInput, Subscription } from '../../client/catalog-types.js';
import { ApiError } from '../../errors.js';
import type { Runtime } from '../../runtime.js';
import { httpUrlArg, type ProductRefArg } from '../parse.js';

/** `--return-url` and `--failure-url` of `customers create` and `customers subscribe`. */
export interface PaymentUrlOptions {
  returnUrl?: string;
  failureUrl?: string;
}

export function paymentUrlFlags(command: Command): Command {
  return command
    .option('--return-url <url>', 'where the customer lands after paying a recurring fixed fee (required for such products)', httpUrlArg)
    .option('--failure-url <url>', 'where the customer goes when that payment fails (required with --return-url)', httpUrlArg);
}

/** The subscription request of the flags: the products, and the payment URLs when given. */
export function subscriptionRequest(products: ProductRefArg[], opts: PaymentUrlOptions): SubscriptionInput {
  return {
    products,
    ...(opts.returnUrl !== undefined ? { return_url: opts.returnUrl } : {}),
    ...(opts.failureUrl !== undefined ? { failure_url: opts.failureUrl } : {}),
  };
}

/**
 * A 422 naming a subscription's `return_url`/`failure_url` (a product with a fixed fee
 * was given none): the same error, with the flags that supply them as its hint.
 */
export function withPaymentUrlHint(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 422) return error;
  const text = `${error.message} ${JSON.stringify(error.problem ?? {})}`;
  if (!/(return|failure)_url/.test(text)) return error;
  return new ApiError(
    error.message,
    error.exitCode,
    error.status,
    error.problem,
    'A product with a recurring fixed fee is paid first: give --return-url URL and --failure-url URL.',
  );
}

/**
 * Pending subscriptions wait for their first payment: say which, and on a local profile
 * how to settle one without the page (as `top-up --checkout` does).
 */
export function notePending(rt: Runtime, subscriptions: Subscription[] | undefined): void {
  for (const s of subscriptions ?? []) {
    if (!s || s.status !== 'pending' || typeof s.id !== 'string') continue;
    rt.note(`Subscription ${s.id} is pending: the customer pays the first period at its payment URL.`);
    if (rt.isLocal() && !rt.flags.quiet) {
      rt.io.stderr.write(`Settle it here with \`credyt subscriptions complete ${s.id}\` or \`fail ${s.id}\`.\n`);
    }
  }
}
