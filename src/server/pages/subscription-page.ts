import { money, price, timeLeft, when } from './format.js';
import { html, page, type Html } from './html.js';
import type { Money, SubscriptionPaymentModel } from './subscription-model.js';

/** A fee: cents at least (`20.00 USD`); an allowance: at its asset's precision (`1,000 CREDIT`). */
function paid(m: Money): string {
  return `${price(m.amount, m.precision)} ${m.asset}`;
}

function units(m: Money): string {
  return `${money(m.amount, m.precision)} ${m.asset}`;
}

/** The first period starts when it is paid: `one month from payment, then renewed every month`. */
function period(m: SubscriptionPaymentModel): Html | string {
  const every = m.fees[0]?.every;
  if (!every) return '';
  const span = /^\d/.test(every) ? every : `one ${every}`;
  return html`<dt>Period</dt><dd id="period">${span} from payment, then renewed every ${every}</dd>`;
}

function feeList(m: SubscriptionPaymentModel): Html {
  return html`<ul id="fees">
${m.fees.map((f) => html`<li>${paid(f)} every ${f.every}${f.name ? html` <span class="muted">(${f.name})</span>` : ''}</li>
`)}</ul>`;
}

function allowanceList(m: SubscriptionPaymentModel): Html | string {
  if (m.allowances.length === 0) return '';
  return html`<dt>Includes</dt><dd><ul id="allowances">
${m.allowances.map((a) => html`<li>${units(a)}${a.schedule ? `, ${a.schedule}` : ''}${a.name ? html` <span class="muted">(${a.name})</span>` : ''}</li>
`)}</ul></dd>`;
}

/**
 * The local stand-in for a subscription's first payment: the plan, its recurring fee and
 * period, what it includes; Pay, Decline, or back without paying. `base`: the path a
 * connected account's pages are served under (`/connect/acc_…`), empty for the platform's.
 */
export function renderSubscriptionPaymentPage(m: SubscriptionPaymentModel, failureUrl: string, base = ''): string {
  const s = m.subscription;
  const total = m.totals.map(paid).join(' + ');
  const hidden = html`<input type="hidden" name="token" value="${m.token}">
<input type="hidden" name="form_token" value="${m.formToken}">`;
  return page({
    title: `Subscribe · ${total}`,
    body: html`<h1>Subscribe</h1>
<section class="card" aria-labelledby="h-summary">
<h2 id="h-summary">Pay <span class="big" id="amount">${total}</span> <span class="muted">for the first period</span></h2>
<dl class="facts">
<dt>For</dt><dd id="customer">${m.customerName}</dd>
<dt>Plan</dt><dd id="plan">${m.plans.join(', ')}</dd>
<dt>Fee</dt><dd>${feeList(m)}</dd>
${period(m)}
${allowanceList(m)}
<dt>Link expires</dt><dd id="expires">${when(m.expiresAt)} (${timeLeft(m.expiresAt, m.now)})</dd>
</dl>
<p class="muted">Local test mode: no card is charged. Pay activates the subscription at once; later periods are charged to the wallet.</p>
<div class="actions">
<form method="post" action="${base}/pay/subscription/${s.id}/pay">${hidden}<button type="submit" id="pay">Pay ${total}</button></form>
<form method="post" action="${base}/pay/subscription/${s.id}/decline">${hidden}<button type="submit" class="danger" id="decline">Decline</button></form>
<a class="button secondary" id="back" href="${failureUrl}">Back without paying</a>
</div>
</section>`,
  });
}
