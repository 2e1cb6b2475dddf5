import type { FastifyReply } from 'fastify';

/** The origins a page's forms may lead to (CSP form-action also governs their redirects). */
function originOf(url: string): string | undefined {
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Headers of every page: no script (but the portal's own live-quote file), styles and forms only from this server (and a
 * checkout's forms to the return and failure URLs it redirects to), never framed, never
 * cached. Referer only to this server (a link carries its token; the return URL must not
 * see it); `no-referrer` would make browsers post forms with `Origin: null`.
 */
export interface PageOptions {
  /** Origins the page's forms lead to (CSP form-action also governs their redirects). */
  formTargets?: string[];
  /** The portal's optional live quote: its one script and the quote requests, from this server only. */
  script?: boolean;
}

export function pageHeaders(reply: FastifyReply, { formTargets = [], script = false }: PageOptions = {}): FastifyReply {
  const targets = [...new Set(formTargets.map(originOf).filter((o): o is string => o !== undefined))];
  const csp = [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self'",
    ...(script ? ["script-src 'self'", "connect-src 'self'"] : []),
    `form-action 'self'${targets.map((t) => ' ' + t).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  return reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('x-frame-options', 'DENY')
    .header('cache-control', 'no-store');
}

export function sendPage(reply: FastifyReply, status: number, body: string, options: PageOptions = {}): FastifyReply {
  return pageHeaders(reply, options).code(status).type('text/html; charset=utf-8').send(body);
}
