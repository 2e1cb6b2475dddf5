import type { LocalClock, LocalClockMove, SubscriptionView } from '../client/catalog-types.js';
import type { Subscription } from '../client/types.js';
import { plainText } from './cells.js';
import type { Column } from './column.js';

/** `premium@2 images@1`: the subscribed versions, one word each. */
export function productsText(s: Subscription): string {
  return (Array.isArray(s.products) ? s.products : []).map((p) => `${p.code}@${plainText(p.version)}`).join(' ');
}

/** Where a pending subscription is paid: its `payment` required action's link. */
export function paymentUrl(s: Subscription): string | undefined {
  const actions = Array.isArray(s.required_actions) ? (s.required_actions as { type?: unknown; redirect_url?: unknown }[]) : [];
  const payment = actions.find((a) => a && a.type === 'payment' && typeof a.redirect_url === 'string');
  return payment?.redirect_url as string | undefined;
}

/** What `customers subscribe` and `customers create --product` print: Credyt's subscription shape. */
export const subscriptionColumns: Column<Subscription>[] = [
  { header: 'ID', value: (s) => s.id },
  { header: 'STATUS', value: (s) => s.status },
  { header: 'PRODUCTS', value: productsText },
  { header: 'STARTED AT', value: (s) => s.started_at },
  { header: 'PAYMENT URL', field: 'required_actions', value: (s) => paymentUrl(s) },
];

/** A list of subscriptions: status, the current period and the next charge. */
export const subscriptionListColumns: Column<SubscriptionView>[] = [
  { header: 'ID', value: (s) => s.id },
  { header: 'CUSTOMER', field: 'customer_id', value: (s) => s.customer_id },
  { header: 'STATUS', value: (s) => s.status },
  { header: 'PRODUCTS', value: productsText },
  { header: 'PERIOD START', field: 'current_period_start', value: (s) => s.current_period_start },
  { header: 'PERIOD END', field: 'current_period_end', value: (s) => s.current_period_end },
  { header: 'NEXT CHARGE', field: 'next_charge_at', value: (s) => s.next_charge_at },
];

/** One subscription: the list's columns, whether it ends with its period, and where to pay. */
export const subscriptionViewColumns: Column<SubscriptionView>[] = [
  ...subscriptionListColumns,
  { header: 'CANCEL AT PERIOD END', field: 'cancel_at_period_end', value: (s) => s.cancel_at_period_end },
  { header: 'STARTED AT', value: (s) => s.started_at },
  { header: 'PAYMENT URL', field: 'required_actions', value: (s) => paymentUrl(s) },
];

/** `local clock`: the engine's time, the wall's, and how far apart. */
export const clockColumns: Column<LocalClock>[] = [
  { header: 'NOW', value: (c) => c.now },
  { header: 'WALL TIME', field: 'wall_time', value: (c) => c.wall_time },
  { header: 'OFFSET SECONDS', field: 'offset_seconds', value: (c) => c.offset_seconds },
];

/** `grant_expiries` → `grant expiries`, or `grant expiry` for one. */
function kindText(kind: string, n: string): string {
  const plural = kind.replaceAll('_', ' ').replace(/\btop up\b/, 'top-up');
  if (n !== '1') return plural;
  return plural.endsWith('ies') ? `${plural.slice(0, -3)}y` : plural.replace(/s$/, '');
}

/** What a move processed on the way, by kind: `2 renewals, 1 grant expiry`, or `nothing fell due`. */
export function processedText(move: LocalClockMove): string {
  const entries = Object.entries(move.processed ?? {})
    .map(([kind, n]) => [kind, plainText(n)] as const)
    .filter(([, n]) => n !== '0');
  if (entries.length === 0) return 'nothing fell due';
  return entries.map(([kind, n]) => `${n} ${kindText(kind, n)}`).join(', ');
}

export const clockMoveColumns: Column<LocalClockMove>[] = [
  ...(clockColumns as Column<LocalClockMove>[]),
  { header: 'PROCESSED', field: 'processed', value: processedText },
];
