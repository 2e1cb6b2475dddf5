import type { AccountView, AssetView, Engine, EventView, PortalSession, RecentTopUp } from '../../engine/index.js';
import { Decimal } from '../../money/decimal.js';

/** What an "Add funds" choice buys: an account, and the currency it is paid in. */
export interface FundingOption {
  value: string;
  accountId: string;
  accountName: string;
  asset: AssetView;
  currency: string;
  /** The rate in force: units of `currency` per one unit of the asset, and its inverse. */
  rate: Decimal;
  inverseRate: Decimal;
}

export interface QuoteResult {
  amount: Decimal;
  currency: string;
  quantity: Decimal;
  asset: AssetView;
}

export interface PortalModel {
  customer: { name: string; externalId: string | null };
  accounts: { account: AccountView; asset: AssetView }[];
  events: EventView[];
  /** Checkout and platform top-ups, newest first. */
  topUps: RecentTopUp[];
  options: FundingOption[];
  /** Assets by code, for precision and names. */
  asset: (code: string) => AssetView;
  session: PortalSession;
  now: Date;
  token: string;
  formToken: string;
  /** Where the portal's routes are: `/portal`, or under a connected account's prefix (docs/accounts.md). */
  path: string;
  form: { option?: string; amount?: string };
  quote?: QuoteResult;
  error?: string;
}

const RECENT = 10;

/** A cache of assets by code (a wallet shows the same few again and again). */
export function assetLookup(engine: Engine): (code: string) => AssetView {
  const seen = new Map<string, AssetView>();
  return (code) => {
    let asset = seen.get(code);
    if (!asset) seen.set(code, (asset = engine.getAsset(code)));
    return asset;
  };
}

/**
 * The ways to add funds: each account the customer has, and the default account of every
 * custom asset; a fiat account is paid in its own currency, a custom asset in each
 * currency it has a rate for.
 */
function fundingOptions(engine: Engine, accounts: AccountView[], asset: (code: string) => AssetView): FundingOption[] {
  const targets = accounts.map((a) => ({ id: a.id, name: a.name, code: a.asset }));
  const add = (code: string) => {
    if (!targets.some((t) => t.id === `default:${code}`)) targets.push({ id: `default:${code}`, name: 'default', code });
  };
  add('USD');
  let offset = 0;
  for (;;) {
    const page = engine.listAssets({ limit: '100', offset: String(offset) });
    page.items.forEach((a) => add(a.code));
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total_count) break;
  }
  const options: FundingOption[] = [];
  for (const target of targets) {
    const info = asset(target.code);
    const base = { accountId: target.id, accountName: target.name, asset: info };
    if (info.kind === 'fiat') {
      options.push({ ...base, value: `${target.id}|${info.code}`, currency: info.code, rate: new Decimal(1), inverseRate: new Decimal(1) });
      continue;
    }
    for (const rate of info.rates) {
      options.push({
        ...base,
        value: `${target.id}|${rate.source}`,
        currency: rate.source,
        rate: rate.rate,
        inverseRate: rate.inverse_rate,
      });
    }
  }
  return options;
}

export function buildPortalModel(
  engine: Engine,
  session: PortalSession,
  token: string,
  origin: string,
  form: PortalModel['form'] = {},
): PortalModel {
  const asset = assetLookup(engine);
  const customer = engine.getCustomer(session.customerId);
  const wallet = engine.getWallet(session.customerId);
  const events = engine.listEvents({ customer_id: session.customerId, limit: String(RECENT) }).items;
  const topUps = engine.portal.recentTopUps(session.customerId, RECENT, origin);
  for (const e of events) e.fees.forEach((f) => asset(f.asset));
  for (const t of topUps) asset(t.asset);
  return {
    customer: { name: customer.name, externalId: customer.external_id },
    accounts: wallet.accounts.map((account) => ({ account, asset: asset(account.asset) })),
    events,
    topUps,
    options: fundingOptions(engine, wallet.accounts, asset),
    asset,
    session,
    now: engine.clock(),
    token,
    formToken: engine.portal.formToken(token),
    path: `${new URL(origin).pathname.replace(/\/$/, '')}/portal`,
    form,
  };
}
