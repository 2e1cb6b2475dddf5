import { ApiError, ExitCode, UsageError } from '../errors.js';
import type { CredytClient } from './client.js';
import { isAccountId } from '../config/account-id.js';
import { pickLookupAnswer } from './lookup-answer.js';
import { pageParams, segment, withQuery } from './paths.js';
import type { ConnectedAccount, CreateAccountInput, Page, PageQuery } from './types.js';

/*
 * Connected accounts (Credyt for Platforms). They belong to the platform, so these
 * functions always ask as the platform: the account a run selected (`--account`) is not
 * sent, which also keeps `accounts list` usable under a profile's default account.
 */

/** `POST /accounts` `{name, external_id?, metadata?}`; Credyt answers 201 `{id}`. */
export function createAccount(client: CredytClient, input: CreateAccountInput): Promise<ConnectedAccount> {
  return client.withAccount(undefined).requestJson('POST', '/accounts', input);
}

/** `GET /accounts` (one page); `?external_id=` narrows it, still a page as Credyt answers it. */
export function listAccounts(client: CredytClient, page?: PageQuery, externalId?: string): Promise<Page<ConnectedAccount>> {
  return client.withAccount(undefined).requestJson('GET', withQuery('/accounts', { ...pageParams(page), external_id: externalId }));
}

/** `GET /accounts/{id}`. */
export function getAccount(client: CredytClient, id: string): Promise<ConnectedAccount> {
  return client.withAccount(undefined).requestJson('GET', `/accounts/${segment(id)}`);
}

/**
 * The account a user typed: an `acc_…` id is fetched; anything else is looked up as the
 * platform's external id (`GET /accounts?external_id=`, a page) and the match fetched.
 * @throws ApiError exit 4 naming the reference when no account has it
 * @throws UsageError (exit 2) for an empty reference
 */
export async function resolveAccount(client: CredytClient, ref: string): Promise<ConnectedAccount> {
  if (ref.trim() === '') throw new UsageError('The account is empty: give a connected account id (acc_…) or your external id.');
  const notFound = (problem?: ApiError['problem']) =>
    new ApiError(`No connected account with id or external id ${JSON.stringify(ref)}`, ExitCode.NotFound, 404, problem, 'list them with `credyt accounts list`');
  try {
    if (isAccountId(ref)) return await getAccount(client, ref);
    const body: unknown = await client.withAccount(undefined).requestJson('GET', withQuery('/accounts', { external_id: ref }), undefined, { emptyOk: true });
    const found = pickLookupAnswer<ConnectedAccount>(body, 'external_id', ref);
    if (!found) throw notFound();
    // A minimal page may carry only ids: the full record comes from its own read.
    return found.name === undefined ? await getAccount(client, found.id) : found;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) throw notFound(error.problem);
    throw error;
  }
}
