import { randomBytes } from 'node:crypto';
import { Fields, readHttpUrl } from '../request/fields.js';
import { requireCustomer } from '../customers/customers.js';
import { platformAccountView } from '../customers/platform.js';
import type { Store } from '../store/store.js';
import { isoText } from '../request/time.js';
import { expireDueTopUps } from '../movements/top-up-expiry.js';
import { findTopUp, topUpView, type TopUpRow } from '../movements/top-up-settle.js';
import { checkFormToken, formToken, signToken, verifyToken, type Checked, type Claims } from './portal-tokens.js';
import type { TopUpView } from '../types.js';
import { mergeRecentTopUps, type RecentTopUp } from './recent-top-ups.js';
import { checkSubscriptionPayment, subscriptionPaymentUrl, type SubscriptionPayment } from './subscription-payment.js';

/** Portal links live ten minutes, as the hosted ones (contract §2.7). */
export const PORTAL_SESSION_MINUTES = 10;
const SECRET_KEY = 'portal_signing_secret';
const ISSUER = 'Credyt.Api';

export interface PortalSessionView {
  redirect_url: string;
  expires_at: string;
}

/** A portal session read from its token: what the pages may show, and to whom. */
export interface PortalSession {
  customerId: string;
  returnUrl: string;
  failureUrl: string;
  expiresAt: string;
}

export type { Checked } from './portal-tokens.js';

/**
 * Billing portal sessions and the signed links of the local portal and checkout pages.
 * Links are stateless HS256 tokens signed with a random per-database secret, kept in the
 * `settings` table: nothing is stored per session, and a link made by one process is
 * honoured by any other serving the same file.
 */
export class Portal {
  constructor(private readonly store: Store) {}

  /** The signing secret, made on first use and kept in the database. */
  secret(): Buffer {
    // A memo, not a field: a group of writes that rolls back drops it with the row it read.
    return this.store.memo('portal secret', () => {
      const read = () => this.store.stmt('SELECT value FROM settings WHERE key = ?').pluck().get(SECRET_KEY) as string | undefined;
      let hex = read();
      if (!hex) {
        this.store.write(() => {
          this.store
            .stmt('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)')
            .run(SECRET_KEY, randomBytes(32).toString('hex'));
        });
        hex = read() as string;
      }
      return Buffer.from(hex, 'hex');
    });
  }

  private platformId(): string {
    return platformAccountView(this.store).id;
  }

  /** `POST /billing-portal/sessions`: a signed link to the portal, valid ten minutes. */
  createSession(body: unknown, origin: string): PortalSessionView {
    const fields = Fields.of(body);
    const customerId = fields.string('customer_id', { required: true, max: 64 });
    const returnUrl = readHttpUrl(fields, 'return_url');
    const failureUrl = readHttpUrl(fields, 'failure_url');
    fields.done();
    requireCustomer(this.store, customerId as string);
    const now = this.store.clock();
    const exp = Math.floor(now.getTime() / 1000) + PORTAL_SESSION_MINUTES * 60;
    const token = signToken(this.secret(), {
      purpose: 'portal-session-redirect',
      issued: isoText(now),
      platform_id: this.platformId(),
      customer_id: customerId as string,
      live_mode: 'false',
      return_url: returnUrl as string,
      failure_url: failureUrl as string,
      exp,
      iss: ISSUER,
      aud: 'CustomerPortal',
    });
    return { redirect_url: `${origin}/portal?token=${token}`, expires_at: isoText(new Date(exp * 1000)) };
  }

  /** Signature, purpose, platform and customer, then expiry: on every request. */
  checkSession(token: string): Checked<PortalSession> {
    const verified = verifyToken(this.secret(), token, this.store.clock());
    if (verified.status === 'invalid') return verified;
    const c = verified.claims;
    const ok =
      c.purpose === 'portal-session-redirect' &&
      c.aud === 'CustomerPortal' &&
      c.iss === ISSUER &&
      c.platform_id === this.platformId() &&
      typeof c.customer_id === 'string' &&
      typeof c.return_url === 'string' &&
      typeof c.failure_url === 'string' &&
      Boolean(this.store.stmt('SELECT 1 FROM customers WHERE id = ?').get(c.customer_id));
    if (!ok) return { status: 'invalid' };
    const value: PortalSession = {
      customerId: c.customer_id as string,
      returnUrl: c.return_url as string,
      failureUrl: c.failure_url as string,
      expiresAt: isoText(new Date((c.exp as number) * 1000)),
    };
    return { status: verified.status, value };
  }

  /** The checkout link of a top-up: its page, with a token bound to the top-up and customer. */
  checkoutUrl(view: TopUpView, origin: string): string {
    const claims: Claims = {
      purpose: 'checkout',
      issued: view.created_at,
      platform_id: this.platformId(),
      customer_id: view.customer_id,
      top_up_id: view.id,
      live_mode: 'false',
      exp: Math.floor(Date.parse(view.expires_at) / 1000),
      iss: ISSUER,
      aud: 'Checkout',
    };
    return `${origin}/checkout/${view.id}?token=${signToken(this.secret(), claims)}`;
  }

  /** A top-up view whose redirect_url is its signed checkout link. */
  withCheckoutUrl(view: TopUpView, origin: string): TopUpView {
    return { ...view, redirect_url: this.checkoutUrl(view, origin) };
  }

  /**
   * The top-up a checkout token stands for, after checking it names this top-up and its
   * customer. Expired when the token's time is up or the top-up lapsed.
   */
  checkCheckout(id: string, token: string, origin: string): Checked<TopUpView> {
    const verified = verifyToken(this.secret(), token, this.store.clock());
    if (verified.status === 'invalid') return verified;
    const c = verified.claims;
    const row = typeof c.top_up_id === 'string' && c.top_up_id === id ? findTopUp(this.store, id) : undefined;
    const ok =
      row !== undefined &&
      c.purpose === 'checkout' &&
      c.aud === 'Checkout' &&
      c.iss === ISSUER &&
      c.platform_id === this.platformId() &&
      c.customer_id === row.customer_id;
    if (!ok || !row) return { status: 'invalid' };
    expireDueTopUps(this.store, row.customer_id);
    const view = this.withCheckoutUrl(topUpView(findTopUp(this.store, id) as TopUpRow, origin), origin);
    const lapsed = verified.status === 'expired' || view.status === 'expired';
    return { status: lapsed ? 'expired' : 'valid', value: view };
  }

  /** The payment link of a pending subscription (docs/subscriptions.md): fresh at every call. */
  subscriptionPaymentUrl(view: { id: string; customer_id: string }, origin: string): string {
    return subscriptionPaymentUrl(this.store, this.secret(), this.platformId(), view, origin);
  }

  /** The subscription a payment link's token stands for; `expired` once it is not pending. */
  checkSubscriptionPayment(token: string): Checked<SubscriptionPayment> {
    return checkSubscriptionPayment(this.store, this.secret(), this.platformId(), token);
  }

  /** The anti-forgery token for forms of the session or checkout that `token` opens. */
  formToken(token: string): string {
    return formToken(this.secret(), token);
  }

  checkFormToken(token: string, posted: unknown): boolean {
    return checkFormToken(this.secret(), token, posted);
  }

  /**
   * A customer's latest top-ups of both kinds, newest first: checkout top-ups (lapsed ones
   * expired first) and platform top-ups (adjustments with reason external_topup).
   */
  recentTopUps(customerId: string, limit: number, origin: string): RecentTopUp[] {
    expireDueTopUps(this.store, customerId);
    const ids = this.store
      .stmt('SELECT id FROM top_ups WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT ?')
      .pluck()
      .all(customerId, limit) as string[];
    const checkouts = ids.map((id) => topUpView(findTopUp(this.store, id) as TopUpRow, origin));
    return mergeRecentTopUps(this.store, customerId, checkouts, limit);
  }
}
