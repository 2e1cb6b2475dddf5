import type { FastifyInstance } from 'fastify';
import { ACCOUNT_ID_SHAPE } from '../../engine/index.js';
import { PROBLEM_TYPE, problem, problemText, sendProblem, type Problem } from '../problem.js';

/** The header naming the connected account a platform's request acts on. */
export const ACCOUNT_HEADER = 'X-CREDYT-ACCOUNT';

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
  app.addHook('onRequest', (request, reply, done) => {
    const named = accountOf(request.headers['x-credyt-account'], request.url);
    if (named === undefined) return done();
    if (typeof named !== 'string') return sendProblem(reply, named);
    const target = apps(named);
    if (!target) return sendProblem(reply, unknownAccount(named, request.url));
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
