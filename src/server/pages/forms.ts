import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Posted form fields; a field given twice keeps its first value. */
export type Form = Record<string, string>;

/** Reads `application/x-www-form-urlencoded` bodies (the pages' forms) in this plugin only. */
export function useFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_req, body, done) => {
    const form: Form = Object.create(null) as Form;
    for (const [key, value] of new URLSearchParams(String(body))) if (!(key in form)) form[key] = value;
    done(null, form);
  });
}

export function formOf(request: FastifyRequest): Form {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Form) : (Object.create(null) as Form);
}

/**
 * A browser names the page a form came from in `Origin`; one from another site is a
 * forgery whatever it carries. (No `Origin` at all: older clients; the form token decides.)
 */
export function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  // "null": a privacy setting or an opaque origin; the form token alone decides then.
  if (origin === undefined || origin === 'null') return true;
  try {
    const from = new URL(origin);
    // Both through URL, so a default port (`:80`) written on one side only still matches.
    return from.host === new URL(`${from.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
}

export function queryText(request: FastifyRequest, key: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}
