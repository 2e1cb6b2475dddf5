import { ACCOUNT_ID_SHAPE, isAccountId } from './config/account-id.js';
import { UsageError } from './errors.js';

/** The connected account a run acts on, and what selected it. */
export interface AccountSelection {
  id: string;
  /** `--account` (flag), CREDYT_ACCOUNT (env) or the profile's `account` key (profile). */
  source: 'flag' | 'env' | 'profile';
}

/**
 * The run's connected account: `--account` > CREDYT_ACCOUNT > the profile's default
 * (`account` in the config file). Ids only, never an external id: the header is sent on
 * every request, and resolving a name would add a request to each run. The profile is
 * looked up only when neither the flag nor the env names an account.
 * @throws UsageError (exit 2) naming the source of a malformed id, before any request
 */
export function selectAccount(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  profile: () => { name: string; account?: string },
): AccountSelection | undefined {
  // The flag's parser has checked its shape already (globals.ts).
  if (flag !== undefined) return { id: flag, source: 'flag' };
  const fromEnv = env.CREDYT_ACCOUNT;
  if (fromEnv) {
    if (!isAccountId(fromEnv)) throw malformed(`CREDYT_ACCOUNT="${fromEnv}"`, 'unset it or fix it');
    return { id: fromEnv, source: 'env' };
  }
  const { name, account } = profile();
  if (account === undefined) return undefined;
  if (!isAccountId(account)) {
    throw malformed(`The "account" key of profile "${name}" ("${account}")`, `fix it with \`credyt profiles account ${name} ACC\`, or clear it with --unset`);
  }
  return { id: account, source: 'profile' };
}

function malformed(what: string, hint: string): UsageError {
  return new UsageError(`${what} is not a connected account id (${ACCOUNT_ID_SHAPE}).`, hint);
}
