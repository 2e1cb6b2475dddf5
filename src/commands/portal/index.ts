import type { Command } from 'commander';
import type { Context } from '../../context.js';
import type { Runtime } from '../../runtime.js';
import { UsageError } from '../../errors.js';
import { printRecord } from '../../render/records.js';
import { action } from '../verb.js';
import { browserOpener, openBrowser, type Opener } from './open-browser.js';
import { TOP_SUMMARIES } from '../../top-summaries.js';

export interface PortalOptions {
  returnUrl?: string;
  failureUrl?: string;
  open?: boolean;
}

interface PortalSession {
  redirect_url: string;
  expires_at: string;
}

export function registerPortal(program: Command, ctx: Context): void {
  program
    .command('portal')
    .summary(TOP_SUMMARIES.portal)
    .description(
      "Create a billing portal session and print its link: the customer's balances, usage and " +
        'top-ups, and an Add funds form that leads to checkout. The link works for 10 minutes. ' +
        'The embedded profile has no web server: serve its database with `credyt local serve` ' +
        'and use a profile logged in to it (see docs/portal.md).',
    )
    .argument('<customer>', 'customer id (cust_…) or external id')
    .option('--return-url <url>', 'where "Back to the application" and a paid checkout go (local default: a page of the server)')
    .option('--failure-url <url>', 'where an expired link or a declined checkout goes (local default: a page of the server)')
    .option('--open', 'also open the link in the system browser, when there is one')
    .addHelpText(
      'after',
      `
Examples:
  credyt portal acme
  credyt portal acme --return-url https://app.example/billing --failure-url https://app.example/billing/failed
  credyt portal acme --open
  xdg-open "$(credyt portal acme)"`,
    )
    .action(action(ctx, runPortal));
}

function checkUrl(flag: string, value: string): string {
  const ok = URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
  if (!ok) throw new UsageError(`${flag} "${value}" is not an http(s) URL.`);
  return value;
}

/** The return and failure URLs: as given, or on a local server its own landing page. */
function urls(rt: Runtime, opts: PortalOptions): { returnUrl: string; failureUrl: string } {
  const target = rt.target();
  if (target.kind === 'embedded') {
    throw new UsageError(
      `The embedded profile "${target.profile}" has no web server for the portal page.`,
      'Run `credyt local serve --db <this database>`, log a profile in with the URL and key it prints, and run `credyt portal` with that profile (docs/portal.md).',
    );
  }
  if (target.loopback) {
    const base = target.baseUrl.replace(/\/+$/, '');
    return {
      returnUrl: checkUrl('--return-url', opts.returnUrl ?? `${base}/portal/return`),
      failureUrl: checkUrl('--failure-url', opts.failureUrl ?? `${base}/portal/return?failed=1`),
    };
  }
  if (!opts.returnUrl || !opts.failureUrl) {
    throw new UsageError('--return-url and --failure-url are required for a remote profile: the portal sends the customer back there.');
  }
  return { returnUrl: checkUrl('--return-url', opts.returnUrl), failureUrl: checkUrl('--failure-url', opts.failureUrl) };
}

export async function runPortal(
  rt: Runtime,
  opts: PortalOptions,
  customer: string,
  opener: (url: string) => Opener = (url) => browserOpener(url, rt.ctx.env, process.platform),
): Promise<void> {
  const { returnUrl, failureUrl } = urls(rt, opts);
  const client = await rt.client();
  const customerId = await client.resolveCustomer(customer);
  const session = await client.requestJson<PortalSession>('POST', '/billing-portal/sessions', {
    customer_id: customerId,
    return_url: returnUrl,
    failure_url: failureUrl,
  });
  const out = rt.output;
  if ((out.mode === 'table' || out.mode === 'tsv') && !out.fields) {
    // The link alone, so `$(credyt portal acme)` is the link.
    rt.io.stdout.write(`${session.redirect_url}\n`);
  } else {
    printRecord(out, {
      columns: [
        { header: 'URL', field: 'redirect_url', value: (s: PortalSession) => s.redirect_url },
        { header: 'EXPIRES AT', value: (s) => s.expires_at },
      ],
      row: session,
      json: session,
      id: (s) => s.redirect_url,
    });
  }
  rt.note(`The link works until ${session.expires_at} (10 minutes).`);
  if (opts.open) {
    const problem = await openBrowser(opener(session.redirect_url));
    if (problem) rt.warn(`${problem}; open the link yourself.`);
  }
}
