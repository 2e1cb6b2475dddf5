/**
 * An API key as shown in listings: its type prefix (`key_`, `sk_`) and at most its last
 * 4 characters, e.g. `key_…c9d2`. Short keys show no characters at all, since 4 of them
 * would be too large a share of the secret.
 */
export function maskKey(key: string): string {
  if (key === '') return '';
  const prefix = /^[A-Za-z]{1,8}_/.exec(key)?.[0] ?? '';
  const secret = key.slice(prefix.length);
  if (secret.length < 12) return `${prefix}…`;
  return `${prefix}…${secret.slice(-4)}`;
}

/** Strings shaped like an API key (`key_…`, `sk_live_…`), wherever they appear. */
const KEY_LIKE = /\b(?:key|sk|rk|pk)_[A-Za-z0-9_]{8,}/g;

/** JSON members whose value is a secret, whatever it looks like. */
const SECRET_MEMBER = /("(?:api[_-]?key|x-credyt-api-key|secret|client_secret|password|token|access_token|refresh_token)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/**
 * Text with every secret masked, for traces and messages: the keys given, JSON members
 * named like secrets (`api_key`, `secret`, `token`…) and anything shaped like a key.
 * Masks keep the prefix and at most the last 4 characters (`key_…c9d2`).
 */
export function redactSecrets(text: string, keys: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const key of keys) {
    if (key && key.length >= 4) out = out.split(key).join(maskKey(key));
  }
  out = out.replace(SECRET_MEMBER, (_m, head: string) => `${head}"[redacted]"`);
  return out.replace(KEY_LIKE, (key) => maskKey(key));
}
