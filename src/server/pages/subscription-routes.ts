import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EngineError, type Engine } from '../../engine/index.js';
import { formOf, queryText, sameOrigin } from './forms.js';
import { pageHeaders, sendPage } from './headers.js';
import { expiredPage, FORGED, INVALID_LINK, type StatusPage } from './status-page.js';
import { buildSubscriptionPaymentModel } from './subscription-model.js';
import { renderSubscriptionPaymentPage } from './subscription-page.js';

/** Pages answer browsers without an API key: the signed token in the link is the credential. */
const PAGE = { config: { page: true } };

type ById = FastifyRequest<{ Params: { id: string } }>;
type Payment = Extract<ReturnType<Engine['portal']['checkSubscriptionPayment']>, { value: unknown }>['value'];

/** When a link lapses: its token's `exp`, read after the engine verified the signature. */
function linkExpiry(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
  return typeof payload.exp === 'number' ? new Date(payload.exp * 1000).toISOString() : '';
}

function resolvedPage(state: string, next: string): StatusPage {
  return {
    status: 409,
    title: `This subscription is already ${state}`,
    message: state === 'active' ? 'It is paid: nothing more to do here.' : 'There is nothing left to pay here.',
    link: next ? { href: next, text: 'Continue' } : undefined,
  };
}

/**
 * The payment of a subscription, checked for this page: the subscription the link stands
 * for, or the page that refuses it. Invalid: a bad token, or one for another subscription.
 * A subscription that is no longer pending says so (409) before an expired link (410).
 */
function checkPayment(engine: Engine, id: string, token: string | undefined): Payment | StatusPage {
  const checked = token ? engine.portal.checkSubscriptionPayment(token) : ({ status: 'invalid' } as const);
  if (checked.status === 'invalid' || checked.value.subscription.id !== id) return INVALID_LINK;
  const p = checked.value;
  if (p.subscription.status !== 'pending') return resolvedPage(p.subscription.status, p.subscription.status === 'active' ? p.returnUrl : p.failureUrl);
  if (checked.status === 'expired') return expiredPage('payment', p.failureUrl);
  return p;
}

function isStatus(value: Payment | StatusPage): value is StatusPage {
  return 'title' in value;
}

/**
 * `GET /pay/subscription/{id}?token=…`, the redirect_url of a pending subscription: the
 * plan, its fee and period; Pay completes it through the engine and goes to return_url;
 * Decline fails it (final) and goes to failure_url; "Back without paying" leaves it pending.
 * Same safety as the checkout page: escaped values, strict CSP, form tokens, same origin.
 */
export function registerSubscriptionPaymentPages(
  app: FastifyInstance,
  engine: Engine,
  origin: () => string,
  status: (reply: FastifyReply, page: StatusPage) => FastifyReply,
): void {
  app.get('/pay/subscription/:id', PAGE, async (request: ById, reply) => {
    const token = queryText(request, 'token');
    const p = checkPayment(engine, request.params.id, token);
    if (isStatus(p)) return status(reply, p);
    const model = buildSubscriptionPaymentModel(engine, p.subscription, p.fees, { token: token as string, expiresAt: linkExpiry(token as string) });
    // A connected account's page lives under its prefix, and its forms post back there (docs/accounts.md).
    const base = new URL(origin()).pathname.replace(/\/$/, '');
    return sendPage(reply, 200, renderSubscriptionPaymentPage(model, p.failureUrl, base), { formTargets: [p.returnUrl, p.failureUrl] });
  });

  const settle = (outcome: 'pay' | 'decline') => async (request: ById, reply: FastifyReply) => {
    const form = formOf(request);
    const p = checkPayment(engine, request.params.id, form.token);
    if (isStatus(p)) return status(reply, p);
    if (!sameOrigin(request) || !engine.portal.checkFormToken(form.token, form.form_token)) return status(reply, FORGED);
    const id = p.subscription.id;
    try {
      if (outcome === 'pay') engine.subscriptions.complete(id, origin());
      else engine.subscriptions.fail(id, origin());
    } catch (error) {
      // Settled by another tab or `credyt subscriptions complete` since the page was read.
      if (!(error instanceof EngineError) || error.status !== 409) throw error;
      const now = engine.subscriptions.get(id, origin());
      return status(reply, resolvedPage(now.status, now.status === 'active' ? p.returnUrl : p.failureUrl));
    }
    return pageHeaders(reply, { formTargets: [p.returnUrl, p.failureUrl] })
      .code(303)
      .header('location', outcome === 'pay' ? p.returnUrl : p.failureUrl)
      .send();
  };
  app.post('/pay/subscription/:id/pay', PAGE, settle('pay'));
  app.post('/pay/subscription/:id/decline', PAGE, settle('decline'));
}
