/**
 * The portal's only script, served from `/pages/portal.js`: a live quote under the Add
 * funds form as the amount or account changes. Progressive enhancement: without it the
 * "Show quote" button reloads the page with the same quote. It writes text only.
 */
export const PORTAL_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('add-funds');
  var out = document.getElementById('quote');
  if (!form || !out || !window.fetch || !window.URLSearchParams) return;
  var timer = 0;
  var latest = 0;
  function update() {
    var amount = form.elements.amount.value.trim();
    var asked = ++latest;
    if (amount === '') {
      out.hidden = true;
      return;
    }
    var query = new URLSearchParams({ token: form.elements.token.value, option: form.elements.option.value, amount: amount });
    // Beside the form's own action: a connected account's portal is under its prefix.
    fetch(form.action.replace(/top-ups$/, 'quote') + '?' + query.toString(), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (asked !== latest) return;
        out.textContent = body.quote || body.error || '';
        out.className = body.quote ? 'quote' : 'error';
        out.hidden = out.textContent === '';
      })
      .catch(function () {});
  }
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  }
  form.elements.amount.addEventListener('input', soon);
  form.elements.option.addEventListener('change', update);
})();
`;
