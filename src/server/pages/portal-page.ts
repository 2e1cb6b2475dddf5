import type { AssetView } from '../../engine/index.js';
import type { Decimal } from '../../money/decimal.js';
import { money, price, timeLeft, when } from './format.js';
import { html, page, type Html } from './html.js';
import type { FundingOption, PortalModel, QuoteResult } from './portal-model.js';

/** `Tokens · ¤ · tok`: the asset's name, symbol and label, each once. */
function assetTitle(asset: AssetView): string {
  const parts = [asset.name, asset.symbol, asset.label].filter((p): p is string => Boolean(p) && p !== asset.code);
  return [...new Set(parts)].join(' · ');
}

function amount(value: Decimal, asset: AssetView): string {
  return `${money(value, asset.precision)} ${asset.code}`;
}

/** `1 TOK = 0.00001 USD · 1 USD buys 100,000 TOK` */
export function rateText(o: FundingOption): string {
  if (o.asset.code === o.currency) return `paid in ${o.currency}, one for one`;
  return `1 ${o.asset.code} = ${o.rate.toFixed()} ${o.currency} · 1 ${o.currency} buys ${money(o.inverseRate, 0)} ${o.asset.code}`;
}

/** Short enough for a phone: the account only when it is not the default one. */
function optionLabel(o: FundingOption): string {
  const account = o.accountName === 'default' ? '' : ` · account ${o.accountId}`;
  const paid = o.asset.code === o.currency ? '' : ` with ${o.currency}`;
  return `${o.asset.name} (${o.asset.code})${paid}${account}`;
}

function balances(m: PortalModel): Html {
  if (m.accounts.length === 0) return html`<p>No accounts yet: add funds below to open one.</p>`;
  return html`<div class="scroll"><table id="balances">
<caption>Balances at each asset's precision</caption>
<thead><tr><th scope="col">Account</th><th scope="col" class="num">Available</th><th scope="col" class="num">Pending in</th><th scope="col" class="num">Pending out</th></tr></thead>
<tbody>
${m.accounts.map(
  ({ account, asset }) => html`<tr data-account="${account.id}">
<th scope="row">${account.id}<br><span class="muted">${assetTitle(asset)}</span></th>
<td class="num" data-field="available">${money(account.available, asset.precision)}</td>
<td class="num" data-field="pending_in">${money(account.pending_in, asset.precision)}</td>
<td class="num" data-field="pending_out">${money(account.pending_out, asset.precision)}</td>
</tr>
`,
)}</tbody></table></div>`;
}

function usage(m: PortalModel): Html {
  if (m.events.length === 0) return html`<p class="muted">No usage yet.</p>`;
  return html`<div class="scroll"><table id="usage">
<caption>Latest usage events, newest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Subject</th><th scope="col" class="num">Fees</th></tr></thead>
<tbody>
${m.events.map(
  (e) => html`<tr><td>${when(e.occurred_at)}</td><td>${e.event_type}</td><td>${e.subject ?? '—'}</td>
<td class="num">${e.fees.length === 0 ? '—' : e.fees.map((f, i) => html`${i > 0 ? html`<br>` : ''}${amount(f.amount, m.asset(f.asset))}`)}</td></tr>
`,
)}</tbody></table></div>`;
}

/** Checkout top-ups (paid here) and platform top-ups (credited by the platform), marked by kind. */
function topUps(m: PortalModel): Html {
  if (m.topUps.length === 0) return html`<p class="muted">No top-ups yet.</p>`;
  return html`<div class="scroll"><table id="top-ups">
<caption>Latest top-ups, newest first: checkout (paid here) and platform (credited by your provider)</caption>
<thead><tr><th scope="col">Started</th><th scope="col">Kind</th><th scope="col" class="num">Paid</th><th scope="col" class="num">Buys</th><th scope="col">Status</th></tr></thead>
<tbody>
${m.topUps.map((t) => {
  const paid = t.paid ? `${price(t.paid.amount, m.asset(t.paid.currency).precision)} ${t.paid.currency}` : '—';
  return html`<tr data-kind="${t.kind}"><td>${when(t.created_at)}</td><td>${t.kind}</td><td class="num">${paid}</td>
<td class="num">${amount(t.quantity, m.asset(t.asset))}</td><td><span class="status">${t.status}</span></td></tr>
`;
})}</tbody></table></div>`;
}

function addFunds(m: PortalModel): Html {
  if (m.options.length === 0) return html`<p>No asset can be bought here yet.</p>`;
  const selected = m.form.option ?? m.options[0].value;
  return html`<form method="post" action="${m.path}/top-ups" id="add-funds">
<input type="hidden" name="token" value="${m.token}">
<input type="hidden" name="form_token" value="${m.formToken}">
<label for="option">Account to fund</label>
<select id="option" name="option" aria-describedby="option-hint">
${m.options.map((o) => html`<option value="${o.value}"${o.value === selected ? html` selected` : ''}>${optionLabel(o)}</option>
`)}</select>
<div class="hint" id="option-hint">Exchange rates in force now:<ul id="rates">
${m.options.map((o) => html`<li>${optionLabel(o)}: ${rateText(o)}</li>
`)}</ul></div>
<label for="amount">Amount to pay</label>
<input type="text" id="amount" name="amount" inputmode="decimal" autocomplete="off" required value="${m.form.amount ?? ''}" aria-describedby="amount-hint">
<p class="hint" id="amount-hint">In the account's payment currency, for example 10 or 25.50.</p>
${m.error ? html`<p class="error" role="alert" id="form-error">${m.error}</p>` : ''}
<p class="quote" role="status" aria-live="polite" id="quote"${m.quote ? '' : html` hidden`}>${m.quote ? quoteText(m.quote, m.asset) : ''}</p>
<div class="actions">
<button type="submit" formmethod="get" formaction="${m.path}" class="secondary" name="preview" value="1">Show quote</button>
<button type="submit">Continue to checkout</button>
</div>
</form>`;
}

/** `10.00 USD buys 1,000,000 TOK at today's rate (rounded down).` */
export function quoteText(q: QuoteResult, asset: (code: string) => AssetView): string {
  return `${price(q.amount, asset(q.currency).precision)} ${q.currency} buys ${amount(q.quantity, q.asset)} at today's rate (rounded down).`;
}

/** The billing portal of one customer: balances, usage, top-ups and "Add funds". */
export function renderPortalPage(m: PortalModel): string {
  return page({
    title: `Billing · ${m.customer.name}`,
    body: html`<h1 id="customer">${m.customer.name}</h1>
<p class="muted">Billing portal${m.customer.externalId ? html` · ${m.customer.externalId}` : ''} · this link expires ${timeLeft(m.session.expiresAt, m.now)} (${when(m.session.expiresAt)})</p>
<section aria-labelledby="h-balances"><h2 id="h-balances">Balances</h2>${balances(m)}</section>
<section aria-labelledby="h-add"><h2 id="h-add">Add funds</h2>${addFunds(m)}</section>
<section aria-labelledby="h-usage"><h2 id="h-usage">Recent usage</h2>${usage(m)}</section>
<section aria-labelledby="h-top-ups"><h2 id="h-top-ups">Recent top-ups</h2>${topUps(m)}</section>
<footer class="back"><a class="button secondary" href="${m.session.returnUrl}" id="return">Back to the application</a></footer>
<script src="/pages/portal.js" defer></script>`,
  });
}
