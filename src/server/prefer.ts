/**
 * Whether a `Prefer` request header (RFC 7240) asks for `return=minimal`: preferences are
 * comma-separated, each `token[=value]` with `;` parameters, the token case-insensitive and
 * the value optionally quoted. A preference the server does not know is ignored, as the RFC
 * asks of every server.
 */
export function prefersMinimal(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const text = Array.isArray(header) ? header.join(',') : header;
  for (const preference of text.split(',')) {
    const [token, value] = preference.split(';', 1)[0]!.split('=', 2);
    if (token?.trim().toLowerCase() === 'return' && value?.trim().replace(/^"(.*)"$/, '$1').toLowerCase() === 'minimal') return true;
  }
  return false;
}

/** A header of a request whose names come in any casing (an in-process request's), else undefined. */
export function headerOf(headers: Record<string, string> | undefined, lowerName: string): string | undefined {
  if (!headers) return undefined;
  for (const name in headers) if (name.toLowerCase() === lowerName) return headers[name];
  return undefined;
}
