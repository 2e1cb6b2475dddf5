import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EngineError, type Engine, type PortalSession } from '../../engine/index.js';
import type { RouteDeps } from '../routes/deps.js';
import { renderCheckoutPage } from './checkout-page.js';
import { formOf, queryText, sameOrigin, useFormBodies } from './forms.js';
import { pageHeaders, sendPage } from './headers.js';
import { buildPortalModel, type PortalModel } from './portal-model.js';
import { quoteText, renderPortalPage } from './portal-page.js';
import { PORTAL_SCRIPT } from './portal-script.js';
import { expiredPage, FORGED, INVALID_LINK, renderStatusPage, type StatusPage } from './status-page.js';
import { registerSubscriptionPaymentPages } from './subscription-routes.js';
import { STYLESHEET } from './style.js';

/** Pages answer browsers without an API key: the signed token in the link is the credential. */
const PAGE = { config: { page: true } };
const AMOUNT = /^\d{1,19}(\.\d{1,18})?$/;

function status(reply: FastifyReply, p: StatusPage): FastifyReply {
  return sendPage(reply, p.status, renderStatusPage(p));
}


/** The relative form of a link this server made (a redirect stays on the host the browser used). */
function local(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** The session of a request's token, or the page that refuses it. */
function session(engine: Engine, token: string | undefined): PortalSession | StatusPage {
  const checked = token ? engine.portal.checkSession(token) : ({ status: 'invalid' } as const);
  if (checked.status === 'invalid') return INVALID_LINK;
  if (checked.status === 'expired') return expiredPage('billing portal', checked.value.failureUrl);
  return checked.value;
}

function isPage(value: PortalSession | StatusPage): value is StatusPage {
  return 'status' in value;
}

/**
 * The billing portal and checkout pages of the local engine (docs/portal.md): server-rendered
 * HTML, no script, forms posted with a per-session anti-forgery token.
 */
export async function pagesPlugin(app: FastifyInstance, { engine, origin }: RouteDeps): Promise<void> {
  useFormBodies(app);
  app.setErrorHandler((error, _request, reply) => {
    // An engine refusal (a body the root JSON parser refused, too deep) carries `status`.
    const given = error instanceof EngineError ? error.status : (error as { statusCode?: number }).statusCode;
    const code = typeof given === 'number' && given >= 400 && given < 500 ? given : 500;
    return status(reply, {
      status: code,
      title: code === 500 ? 'Something went wrong' : 'This request could not be read',
      message: code === 500 ? 'The local engine failed to answer. Nothing was changed.' : 'Go back and try again.',
    });
  });

  app.get('/pages/style.css', PAGE, async (_request, reply) =>
    pageHeaders(reply).type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(STYLESHEET),
  );

  // Browsers ask for it by themselves; without this route they would get the API's 401.
  app.get('/favicon.ico', PAGE, async (_request, reply) => pageHeaders(reply).code(204).send());

  const portal = (reply: FastifyReply, code: number, model: PortalModel) =>
    sendPage(reply, code, renderPortalPage(model), { script: true });

  app.get('/pages/portal.js', PAGE, async (_request, reply) =>
    pageHeaders(reply).type('text/javascript; charset=utf-8').header('cache-control', 'max-age=3600').send(PORTAL_SCRIPT),
  );

  // The live quote of the Add funds form (progressive enhancement; Show quote works without it).
  app.get('/portal/quote', PAGE, async (request, reply) => {
    pageHeaders(reply).type('application/json; charset=utf-8');
    const s = session(engine, queryText(request, 'token'));
    if (isPage(s)) return reply.code(s.status).send(JSON.stringify({ error: s.title }));
    const form = { option: queryText(request, 'option'), amount: queryText(request, 'amount')?.trim() };
    const model = buildPortalModel(engine, s, queryText(request, 'token') as string, origin(), form);
    previewQuote(engine, model);
    const body = model.quote ? { quote: quoteText(model.quote, model.asset) } : { error: model.error };
    return reply.code(model.quote ? 200 : 422).send(JSON.stringify(body));
  });

  app.get('/portal', PAGE, async (request, reply) => {
    const token = queryText(request, 'token');
    const s = session(engine, token);
    if (isPage(s)) return status(reply, s);
    const form = { option: queryText(request, 'option'), amount: queryText(request, 'amount')?.trim() };
    const model = buildPortalModel(engine, s, token as string, origin(), form);
    if (queryText(request, 'preview') !== undefined) previewQuote(engine, model);
    return portal(reply, model.error ? 422 : 200, model);
  });

  app.post('/portal/top-ups', PAGE, async (request, reply) => {
    const form = formOf(request);
    const s = session(engine, form.token);
    if (isPage(s)) return status(reply, s);
    if (!sameOrigin(request) || !engine.portal.checkFormToken(form.token, form.form_token)) return status(reply, FORGED);
    const model = buildPortalModel(engine, s, form.token, origin(), { option: form.option, amount: form.amount?.trim() });
    const chosen = previewQuote(engine, model);
    if (!chosen) return portal(reply, 422, model);
    try {
      const topUp = engine.createTopUp(
        {
          customer_id: s.customerId,
          amount: model.form.amount,
          currency: chosen.currency,
          description: 'Added in the billing portal',
          destination: { account_name: chosen.accountName, asset: chosen.asset.code },
          return_url: s.returnUrl,
          failure_url: s.failureUrl,
          metadata: { source: 'billing_portal' },
        },
        origin(),
      );
      return reply.code(303).header('location', local(topUp.redirect_url)).send();
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      model.error = error.detail;
      model.quote = undefined;
      return portal(reply, 422, model);
    }
  });

  app.get<{ Params: { id: string } }>('/checkout/:id', PAGE, async (request, reply) => {
    const token = queryText(request, 'token') ?? '';
    const checked = engine.portal.checkCheckout(request.params.id, token, origin());
    if (checked.status === 'invalid') return status(reply, INVALID_LINK);
    const t = checked.value;
    if (checked.status === 'expired') return status(reply, expiredPage('checkout', t.failure_url));
    if (t.status !== 'initiated') return status(reply, resolvedPage(t.status, t.status === 'completed' ? t.return_url : t.failure_url));
    const model = {
      topUp: t,
      asset: engine.getAsset(t.destination.asset),
      currency: engine.getAsset(t.currency),
      customerName: engine.getCustomer(t.customer_id).name,
      token,
      formToken: engine.portal.formToken(token),
      now: engine.clock(),
    };
    return sendPage(reply, 200, renderCheckoutPage(model), { formTargets: [t.return_url, t.failure_url] });
  });

  const settle = (outcome: 'pay' | 'decline') => async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const form = formOf(request);
    const checked = engine.portal.checkCheckout(request.params.id, form.token ?? '', origin());
    if (checked.status === 'invalid') return status(reply, INVALID_LINK);
    const t = checked.value;
    if (checked.status === 'expired') return status(reply, expiredPage('checkout', t.failure_url));
    if (!sameOrigin(request) || !engine.portal.checkFormToken(form.token, form.form_token)) return status(reply, FORGED);
    try {
      if (outcome === 'pay') engine.completeTopUp(t.id, origin());
      else engine.failTopUp(t.id, origin());
    } catch (error) {
      if (!(error instanceof EngineError) || error.status !== 409) throw error;
      const now = engine.getTopUp(t.id, origin());
      return status(reply, resolvedPage(now.status, now.status === 'completed' ? now.return_url : now.failure_url));
    }
    return pageHeaders(reply, { formTargets: [t.return_url, t.failure_url] })
      .code(303)
      .header('location', outcome === 'pay' ? t.return_url : t.failure_url)
      .send();
  };
  app.post('/checkout/:id/pay', PAGE, settle('pay'));
  app.post('/checkout/:id/decline', PAGE, settle('decline'));

  registerSubscriptionPaymentPages(app, engine, origin, (reply, p) => status(reply, p));

  app.get('/portal/return', PAGE, async (request, reply) =>
    status(reply, {
      status: 200,
      title: queryText(request, 'failed') ? 'Payment not completed' : 'Back from the billing portal',
      message: 'This is the local engine’s default landing page. Pass --return-url and --failure-url to land in your application instead.',
    }),
  );
}

function resolvedPage(state: string, next: string): StatusPage {
  return {
    status: 409,
    title: `This top-up is already ${state}`,
    message: 'Nothing more to do here.',
    link: { href: next, text: 'Continue' },
  };
}

/**
 * Checks the "Add funds" choice and amount, and quotes what it buys at the rate in force.
 * Answers the chosen option, or undefined with `model.error` set.
 */
function previewQuote(engine: Engine, model: PortalModel) {
  const chosen = model.options.find((o) => o.value === model.form.option);
  if (!chosen) {
    model.error = 'Choose an account to fund.';
    return undefined;
  }
  const amount = model.form.amount ?? '';
  if (!AMOUNT.test(amount) || /^0*(\.0*)?$/.test(amount)) {
    model.error = 'Enter an amount greater than zero, such as 10 or 25.50.';
    return undefined;
  }
  try {
    const q = engine.quote(chosen.asset.code, { source: chosen.currency, amount });
    if (q.quantity.isZero()) {
      model.error = `${amount} ${chosen.currency} buys 0 ${chosen.asset.code}; enter a larger amount.`;
      return undefined;
    }
    model.quote = { amount: q.amount, currency: q.source, quantity: q.quantity, asset: chosen.asset };
    return chosen;
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    model.error = error.detail;
    return undefined;
  }
}
