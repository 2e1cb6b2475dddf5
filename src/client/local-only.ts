import { ApiError, ExitCode, type ProblemDetails } from '../errors.js';

/**
 * Operations only our engine serves (docs/api-contract.md, "Local extensions"): Credyt
 * has not published their paths. The command that uses each is named in the error.
 */
const LOCAL_ONLY: [method: string, path: RegExp, command: string][] = [
  ['POST', /^\/assets\/[^/]+\/rates$/, 'rates add'],
  ['GET', /^\/assets\/[^/]+\/rates$/, 'rates list'],
  ['POST', /^\/customers\/[^/]+\/subscriptions$/, 'customers subscribe'],
  ['GET', /^\/customers\/[^/]+\/wallet\/transactions$/, 'wallet history'],
  ['GET', /^\/customers\/[^/]+\/wallet\/holds(\/[^/]+)?$/, 'holds'],
  ['POST', /^\/customers\/[^/]+\/wallet\/holds(\/[^/]+\/(capture|void))?$/, 'holds'],
  ['GET', /^\/customers\/[^/]+\/wallet\/[^/]+\/grants$/, 'wallet grants'],
  ['GET', /^\/top-ups\/[^/]+$/, 'top-ups get'],
  ['POST', /^\/top-ups\/[^/]+\/(complete|fail)$/, 'top-ups complete/fail'],
  ['GET', /^\/top-ups$/, 'top-ups list'],
  ['GET', /^\/adjustments$/, 'adjustments list'],
  ['DELETE', /^\/webhooks\/[^/]+$/, 'webhooks delete'],
  ['GET', /^\/webhooks\/[^/]+\/deliveries$/, 'webhooks deliveries'],
  ['POST', /^\/webhooks\/deliveries\/[^/]+\/resend$/, 'webhooks resend'],
  ['GET', /^\/subscriptions$/, 'subscriptions list'],
  ['GET', /^\/subscriptions\/[^/]+$/, 'subscriptions get'],
  ['POST', /^\/subscriptions\/[^/]+\/complete$/, 'subscriptions complete'],
  ['POST', /^\/subscriptions\/[^/]+\/fail$/, 'subscriptions fail'],
  ['POST', /^\/subscriptions\/[^/]+\/cancel$/, 'subscriptions cancel'],
  ['POST', /^\/subscriptions\/[^/]+\/change$/, 'subscriptions change'],
  ['GET', /^\/local\/clock$/, 'local clock'],
  ['POST', /^\/local\/clock\/advance$/, 'local clock advance'],
  ['POST', /^\/local\/clock\/set$/, 'local clock set'],
  ['POST', /^\/local\/clock\/reset$/, 'local clock reset'],
];

/** The command of a local-only operation, or undefined for a published one. */
export function localOnlyCommand(method: string, path: string): string | undefined {
  const bare = path.split('?')[0]!;
  return LOCAL_ONLY.find(([m, re]) => m === method.toUpperCase() && re.test(bare))?.[2];
}

/**
 * A 404/405 from a local-only operation, unless our own engine said it: every problem our
 * engine writes has a `code` (a named customer, hold or top-up not found keeps exit 4).
 * Anything else means the server does not serve the endpoint at all — a hosted Credyt
 * answers so — which a bare "HTTP 404" would pass off as "customer not found".
 */
export function unsupportedOperation(
  status: number,
  problem: ProblemDetails | undefined,
  method: string | undefined,
  path: string | undefined,
): ApiError | undefined {
  if ((status !== 404 && status !== 405) || !method || !path) return undefined;
  if (problem && typeof problem.code === 'string') return undefined;
  const command = localOnlyCommand(method, path);
  if (!command) return undefined;
  return new ApiError(
    `\`credyt ${command}\` uses ${method.toUpperCase()} ${path.split('?')[0]}, which Credyt has not published; this server does not serve it (HTTP ${status}).`,
    ExitCode.Unsupported,
    status,
    problem,
    'It works with local profiles (the embedded engine, `credyt local serve`). `credyt api` reaches any path of the API as it is.',
  );
}
