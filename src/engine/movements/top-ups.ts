import { decimalText, type Decimal } from '../../money/decimal.js';
import { MAX_UNITS } from '../../money/amount.js';
import { Ratio } from '../../money/ratio.js';
import { DEFAULT_ACCOUNT, ensureAccount, platformAccount, readAccountName } from '../ledger/accounts.js';
import { assetRule, checkAmount } from '../assets/amounts.js';
import { findAsset, readFiat, type AssetInfo } from '../assets/asset-registry.js';
import { convertDown } from '../../money/convert.js';
import { rateInForce } from '../assets/conversion.js';
import { requireCustomer } from '../customers/customers.js';
import { conflict, invalid, notFound } from '../request/errors.js';
import { Fields, readHttpUrl } from '../request/fields.js';
import { newId } from '../request/ids.js';
import { postEntry } from '../ledger/journal.js';
import { RATE_RULE } from '../assets/rates.js';
import { show } from '../request/show.js';
import type { Store } from '../store/store.js';
import { addHours, isoText } from '../request/time.js';
import { expireDueTopUps, forgetOpenExpiry } from './top-up-expiry.js';
import { findTopUp, resolveTopUp, topUpView, type TopUpRow } from './top-up-settle.js';
import type { TopUpView } from '../types.js';

/** Checkout links lapse after a day (§6.6). */
const CHECKOUT_HOURS = 24;

function readRequest(body: unknown) {
  const fields = Fields.of(body);
  const customerId = fields.string('customer_id', { required: true, max: 64 });
  const amount = fields.decimal('amount');
  const currency = readFiat(fields, 'currency');
  if (amount && currency) checkAmount(fields, 'amount', amount, assetRule(currency, 'positive'));
  const destination = fields.object('destination');
  const accountName = destination ? readAccountName(destination) : DEFAULT_ACCOUNT;
  const asset = destination?.string('asset', { max: 32 });
  const exchangeRate = destination?.decimal('exchange_rate', false);
  if (destination && exchangeRate) checkAmount(destination, 'exchange_rate', exchangeRate, RATE_RULE);
  const creditExpiresAt = fields.timestamp('credit_expires_at');
  const description = fields.string('description', { max: 1000 }) ?? null;
  const returnUrl = readHttpUrl(fields, 'return_url');
  const failureUrl = readHttpUrl(fields, 'failure_url');
  const metadata = fields.metadata() ?? {};
  fields.done();
  return {
    customerId: customerId as string,
    amount: amount as Decimal,
    currency: (currency as { code: string }).code,
    accountName,
    asset,
    exchangeRate,
    creditExpiresAt,
    description,
    returnUrl: returnUrl as string,
    failureUrl: failureUrl as string,
    metadata,
  };
}

/**
 * `POST /top-ups`: opens a checkout. The converted quantity is fixed now (rounded down)
 * and shows at once as pending_in on the destination account.
 */
export function createTopUp(store: Store, body: unknown, origin: string): TopUpView {
  const r = readRequest(body);
  return store.write(() => {
    requireCustomer(store, r.customerId);
    const now = store.clock();
    const fields = Fields.of({});
    const asset = findAsset(store, r.asset ?? r.currency);
    if (!asset) fields.fail('destination.asset', `destination.asset ${show(r.asset)} does not exist`);
    if (r.creditExpiresAt && r.creditExpiresAt <= now) {
      fields.fail('credit_expires_at', `credit_expires_at ${isoText(r.creditExpiresAt)} is not in the future`);
    }
    fields.done();
    if (!asset) throw new Error('unreachable: asset checked above');

    const rate = r.exchangeRate
      ? { inverse: Ratio.fromDecimal(r.exchangeRate), reported: r.exchangeRate }
      : rateAt(store, asset, r.currency, now);
    const { quantity, rounded } = convertDown(r.amount, rate.inverse, asset.precision);
    const what = `${show(r.amount)} ${r.currency} at ${show(rate.reported)} ${asset.code} per ${r.currency}`;
    if (quantity.isZero()) {
      throw invalid('amount', `amount ${what} buys 0 ${asset.code} (${asset.code} has precision ${asset.precision})`);
    }
    if (quantity.gt(MAX_UNITS)) throw invalid('amount', `amount ${what} buys more than 10^18 ${asset.code}`);

    expireDueTopUps(store, r.customerId);
    const id = newId('top', now);
    const account = ensureAccount(store, r.customerId, r.accountName, asset.code);
    postEntry(store, {
      kind: 'top_up_initiated',
      reference: id,
      rounding: rounded ? 'down' : undefined,
      postings: [
        { account, bucket: 'pending_in', amount: quantity },
        { account: platformAccount(store, 'checkout', asset.code), bucket: 'pending_in', amount: quantity.neg() },
      ],
    });
    store
      .stmt(
        `INSERT INTO top_ups (id, customer_id, account_seq, status, amount, currency, exchange_rate, quantity,
           rounded, description, metadata, credit_expires_at, return_url, failure_url, created_at, expires_at)
         VALUES (?, ?, ?, 'initiated', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        r.customerId,
        account.seq,
        decimalText(r.amount),
        r.currency,
        decimalText(rate.reported),
        decimalText(quantity),
        rounded ? 1 : 0,
        r.description,
        JSON.stringify(r.metadata),
        r.creditExpiresAt ? isoText(r.creditExpiresAt) : null,
        r.returnUrl,
        r.failureUrl,
        isoText(now),
        isoText(addHours(now, CHECKOUT_HOURS)),
      );
    forgetOpenExpiry(store, r.customerId);
    return topUpView(findTopUp(store, id) as TopUpRow, origin);
  });
}

function rateAt(store: Store, asset: AssetInfo, currency: string, now: Date): { inverse: Ratio; reported: Decimal } {
  const rate = rateInForce(store, asset, currency, now);
  if (!rate) {
    throw invalid(
      'destination.asset',
      `${asset.code} has no ${currency} rate in force; add one or give destination.exchange_rate`,
    );
  }
  return { inverse: rate.inverse, reported: rate.inverse_rate };
}

function requireTopUp(store: Store, id: string): TopUpRow {
  const row = findTopUp(store, id);
  if (!row) throw notFound('top-up', id);
  return row;
}

/** Reads a top-up, expiring it first if its link lapsed. */
export function getTopUp(store: Store, id: string, origin: string): TopUpView {
  const row = requireTopUp(store, id);
  if (row.status !== 'initiated') return topUpView(row, origin);
  expireDueTopUps(store, row.customer_id);
  return topUpView(requireTopUp(store, id), origin);
}

/** Completes or fails an initiated top-up; a top-up resolves at most once (409 after). */
export function resolveTopUpById(
  store: Store,
  id: string,
  status: 'completed' | 'failed',
  origin: string,
): TopUpView {
  return store.write(() => {
    const first = requireTopUp(store, id);
    expireDueTopUps(store, first.customer_id);
    const row = requireTopUp(store, id);
    if (row.status !== 'initiated') {
      const verb = status === 'completed' ? 'complete' : 'fail';
      throw conflict(`cannot ${verb} top-up ${id}: it is already ${row.status}`, { status: row.status });
    }
    resolveTopUp(store, row, status, store.clock());
    return topUpView(requireTopUp(store, id), origin);
  });
}
