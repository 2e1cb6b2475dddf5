import { Chalk } from 'chalk';
import type { CredytClient } from '../../client/client.js';
import type { Runtime } from '../../runtime.js';
import { connectedAccountFields } from '../account-selection.js';

/**
 * Money sent to a server is confirmed first: every profile that is not the embedded
 * engine, `credyt local serve` on loopback included (docs/decisions.md, Confirmations).
 */
export function needsConfirmation(rt: Runtime): boolean {
  return rt.target().kind === 'http';
}

/** `live` or `test` from `GET /accounts/self` (the key's, asked as the platform); `unknown` when the API does not say. */
async function mode(client: CredytClient): Promise<'live' | 'test' | 'unknown'> {
  try {
    const self = await client.withAccount(undefined).getSelf();
    if (self.live_mode === true) return 'live';
    if (self.live_mode === false) return 'test';
  } catch {
    // The confirmation still names the profile and its URL.
  }
  return 'unknown';
}

export interface CreditSummary {
  /** What the user typed and the id it resolved to. */
  customer: string;
  customerId: string;
  /** `-5 USD`, `9934.50234 USD`. */
  amount: string;
  asset: string;
  /** What moves: `993450234 TOK to default:TOK`. */
  effect: string;
  /** The question: `Credit 993450234 TOK to acme?` */
  question: string;
}

/** The connected account the money moves in, its name and what selected it; undefined: the platform's own. */
async function accountLine(rt: Runtime): Promise<string | undefined> {
  const fields = await connectedAccountFields(rt);
  if (!fields.connected_account_id) return undefined;
  const source = { flag: '--account', env: 'CREDYT_ACCOUNT', profile: 'profile default' }[fields.connected_account_source!];
  const name = fields.connected_account_name ? `${fields.connected_account_name}, ` : '';
  return `Account:   ${fields.connected_account_id} (${name}${source})`;
}

/**
 * Shows the summary (customer, amount, asset, the effect, the connected account if any, the
 * profile and whether it is live) and asks to go ahead; `--yes` skips it. Declining ends the run with exit 1 before
 * anything is sent.
 */
export async function confirmCredit(rt: Runtime, client: CredytClient, s: CreditSummary): Promise<void> {
  if (!needsConfirmation(rt) || rt.flags.yes) return;
  const target = rt.target();
  const where = target.kind === 'http' ? target.baseUrl : 'embedded engine';
  const m = await mode(client);
  const red = new Chalk({ level: rt.io.stderrColor }).red.bold;
  const live = m === 'live' ? red('LIVE') : m === 'test' ? 'test mode' : 'live or test: unknown';
  const customer = s.customer === s.customerId ? s.customerId : `${s.customer} (${s.customerId})`;
  const account = await accountLine(rt);
  await rt.confirm(
    [
      `Customer:  ${customer}`,
      `Amount:    ${s.amount}`,
      `Asset:     ${s.asset}`,
      `Effect:    ${s.effect}`,
      ...(account ? [account] : []),
      `Profile:   ${target.profile} — ${where} (${live})`,
    ],
    s.question,
  );
}
