import type { Runtime } from '../runtime.js';
import type { CredytClient } from '../client/client.js';
import { ACCOUNT_ID_SHAPE, isAccountId } from '../config/account-id.js';
import { ApiError, UsageError } from '../errors.js';
import { getAccount } from '../client/accounts.js';
import type { ConnectedAccountFields } from '../render/profiles.js';

/** The connected account a run acts on, and what selected it. */
export interface AccountSelection {
  id: string;
  /** `--account` (flag), CREDYT_ACCOUNT (env) or the profile's `account` key (profile). */
  source: 'flag' | 'env' | 'profile';
}

/**
 * The run's connected account: `--account` > CREDYT_ACCOUNT > the profile's default
 * (`account` in the config file). Ids only, never an external id: the header is sent on
 * every request, and resolving a name would add a request to each run.
 * @throws UsageError (exit 2) naming the source of a malformed id, before any request
 */
export function selectedAccount(rt: Runtime): AccountSelection | undefined {
  // The flag's parser has checked its shape already (globals.ts).
  if (rt.flags.account !== undefined) return { id: rt.flags.account, source: 'flag' };
  const fromEnv = rt.ctx.env.CREDYT_ACCOUNT;
  if (fromEnv) {
    if (!isAccountId(fromEnv)) throw malformed(`CREDYT_ACCOUNT="${fromEnv}"`, 'unset it or fix it');
    return { id: fromEnv, source: 'env' };
  }
  const profile = rt.target().profile;
  const stored = rt.profiles().get(profile)?.account;
  if (stored === undefined) return undefined;
  if (!isAccountId(stored)) {
    throw malformed(`The "account" key of profile "${profile}" ("${stored}")`, `fix it with \`credyt profiles account ${profile} ACC\`, or clear it with --unset`);
  }
  return { id: stored, source: 'profile' };
}

function malformed(what: string, hint: string): UsageError {
  return new UsageError(`${what} is not a connected account id (${ACCOUNT_ID_SHAPE}).`, hint);
}

/**
 * The run's client acting for the platform itself, whichever account is selected:
 * `whoami` and `auth status` describe the key's own account.
 */
export async function platformClient(rt: Runtime): Promise<CredytClient> {
  return (await rt.client()).withAccount(undefined);
}

/**
 * The selected account as `whoami` and `auth status` show it: its id, its name when
 * `GET /accounts/{id}` answers (an unknown id or a server without the route leaves it
 * null: the id and its source are still worth showing), and what selected it.
 */
export async function connectedAccountFields(rt: Runtime): Promise<ConnectedAccountFields> {
  const selected = selectedAccount(rt);
  if (!selected) return { connected_account_id: null, connected_account_name: null, connected_account_source: null };
  let name: string | null = null;
  try {
    name = (await getAccount(await rt.client(), selected.id)).name ?? null;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
  return { connected_account_id: selected.id, connected_account_name: name, connected_account_source: selected.source };
}
