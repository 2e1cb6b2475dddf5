import type { AssetView, TopUpView } from '../../engine/index.js';
import { money, price, timeLeft, when } from './format.js';
import { html, page } from './html.js';

export interface CheckoutModel {
  topUp: TopUpView;
  asset: AssetView;
  currency: AssetView;
  customerName: string;
  token: string;
  formToken: string;
  now: Date;
}

/** The local stand-in for a card checkout: what is paid, what it buys, Pay or Decline. */
export function renderCheckoutPage(m: CheckoutModel): string {
  const t = m.topUp;
  const paid = `${price(t.amount, m.currency.precision)} ${t.currency}`;
  const buys = `${money(t.quantity, m.asset.precision)} ${m.asset.code}`;
  const conversion = t.destination.asset !== t.currency;
  // The checkout link's own path: a connected account's is under its prefix (docs/accounts.md).
  const at = new URL(t.redirect_url).pathname;
  const hidden = html`<input type="hidden" name="token" value="${m.token}">
<input type="hidden" name="form_token" value="${m.formToken}">`;
  return page({
    title: `Checkout · ${paid}`,
    body: html`<h1>Checkout</h1>
<section class="card" aria-labelledby="h-summary">
<h2 id="h-summary">Pay <span class="big" id="amount">${paid}</span></h2>
<dl class="facts">
<dt>For</dt><dd id="customer">${m.customerName}</dd>
<dt>Buys</dt><dd id="buys">${buys} <span class="muted">(${m.asset.name}${m.asset.symbol ? ' · ' + m.asset.symbol : ''})</span></dd>
<dt>Into account</dt><dd>${t.destination.account_name}:${m.asset.code}</dd>
${conversion ? html`<dt>Rate</dt><dd>1 ${t.currency} buys ${money(t.destination.exchange_rate, 0)} ${m.asset.code}</dd>` : ''}
${t.description ? html`<dt>Description</dt><dd>${t.description}</dd>` : ''}
<dt>Link expires</dt><dd id="expires">${when(t.expires_at)} (${timeLeft(t.expires_at, m.now)})</dd>
</dl>
<p class="muted">Local test mode: no card is charged. Pay completes the top-up at once.</p>
<div class="actions">
<form method="post" action="${at}/pay">${hidden}<button type="submit" id="pay">Pay ${paid}</button></form>
<form method="post" action="${at}/decline">${hidden}<button type="submit" class="danger" id="decline">Decline</button></form>
</div>
</section>`,
  });
}
