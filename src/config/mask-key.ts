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
