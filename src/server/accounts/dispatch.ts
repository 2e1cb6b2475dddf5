import type { FastifyInstance } from 'fastify';
import { ACCOUNT_ID_SHAPE } from '../../engine/index.js';
import { PROBLEM_TYPE, problem, problemText, sendProblem, type Problem } from '../problem.js';

/** The header naming the connected account a platform's request acts on. */
export const ACCOUNT_HEADER = 'X-CREDYT-ACCOUNT';

/** Where a connected account's pages are: its links (top-up checkouts, portal sessions) point here. */
export const CONNECT_PREFIX = '/connect';
const CONNECT_PAGE = /^\/connect\/(acc_[0-9a-z]{26})(\/(?:portal|checkout|pages|pay)(?:[/?].*)?)$/;
/** The local clock is the platform's, and its accounts': under the header the platform answers (docs/accounts.md). */
export const PLATFORM_WIDE = /^\/local\/clock(?:[/?]|$)/;

/** A connected account's own app (ready), or undefined when the platform has no such account. */
export type AccountApps = (accountId: string) => Promise<FastifyInstance> | undefined;

/**
 * The account a request names, a refusal, or undefined for the platform's own data. Node
 * reads header names in any casing and joins a repeated header with ", ", which then fails
 * the shape: one request acts on one account.
 */
export function accountOf(value: string | string[] | undefined, url: string): string | Problem | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(', ') : value;
  if (ACCOUNT_ID_SHAPE.test(text)) return text;
  const shown = JSON.stringify(text.length > 60 ? text.slice(0, 60) + '…' : text);
  return problem(400, 'bad_request', `${ACCOUNT_HEADER} must be one connected account id (acc_ and 26 characters), got ${shown}`, url);
}

export function unknownAccount(accountId: string, url: string): Problem {
  return problem(404, 'not_found', `${ACCOUNT_HEADER} ${accountId} names no connected account of this platform`, url);
}

/**
 * The one place requests are scoped (docs/accounts.md): a request carrying
 * `X-CREDYT-ACCOUNT` is handed, body unread, to the app of that account's own database,
 * whose routes are the platform's own; without the header the platform's app answers.
 * Runs after the API key check, so keys are always the platform's.
 */
export function dispatchToAccounts(app: FastifyInstance, apps: AccountApps): void {
  // A connected account's portal and checkout pages, opened by browsers (no header, no key:
  // the signed link is the credential, as on the platform's pages): `/connect/acc_…/portal…`.
  app.route({
    method: ['GET', 'POST'],
    url: `${CONNECT_PREFIX}/*`,
    config: { page: true },
    handler: async (request, reply) => sendProblem(reply, problem(404, 'not_found', `No page at ${request.url.split('?')[0]}`, request.url)),
  });
  app.addHook('onRequest', (request, reply, done) => {
    const page = CONNECT_PAGE.exec(request.raw.url ?? '');
    if (request.raw.url?.startsWith(`${CONNECT_PREFIX}/`) && !page) return done();
    const named = page ? page[1]! : accountOf(request.headers['x-credyt-account'], request.url);
    if (named === undefined) return done();
    if (typeof named !== 'string') return sendProblem(reply, named);
    // The account's app sees the page's own path, as on the platform.
    if (page) request.raw.url = page[2]!;
    const target = apps(named);
    if (!target) return sendProblem(reply, unknownAccount(named, request.url));
    if (!page && PLATFORM_WIDE.test(request.raw.url ?? '')) return done();
    reply.hijack();
    target.then(
      (accountApp) => accountApp.routing(request.raw, reply.raw),
      (error: unknown) => {
        const detail = `${ACCOUNT_HEADER} ${named}: its database could not be opened (${(error as Error).message})`;
        reply.raw.writeHead(500, { 'content-type': PROBLEM_TYPE });
        reply.raw.end(problemText(problem(500, 'internal_error', detail, request.url)));
      },
    );
  });
}
