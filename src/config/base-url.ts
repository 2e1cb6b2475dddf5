// A base URL's rules, shared by the profile store (config) and the HTTP transport (client):
// here, below both, so that config need not import the client.

import { isIPv4 } from 'node:net';
import { ConfigError, ExitCode } from '../errors.js';

/**
 * True when a URL's host is this machine: `localhost`, 127.0.0.0/8 or ::1. The WHATWG
 * URL parser has already normalised shorthand forms (`127.1`, `0x7f.1`, `[0:0::1]`).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return isIPv4(host) && host.startsWith('127.');
}

/** True when `url` parses and points at this machine (a `credyt local serve` address). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Parses a base URL and checks that it may carry an API key. Keys travel in a header, so
 * over plain http anyone on the path could read them: only https, or http to this machine
 * (`credyt local serve`), may receive one.
 *
 * @param url the profile's or the flag's base URL, e.g. `https://api.credyt.ai`
 * @param hasKey whether an API key would be sent to it
 * @returns the parsed URL
 * @throws ConfigError (exit 2) for an invalid URL, a scheme other than http(s), a query or
 *   fragment, or a key bound for plain http to another host
 */
export function assertSafeBaseUrl(url: string, hasKey: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      `Invalid base URL "${url}"`,
      ExitCode.Usage,
      'give a full URL such as https://api.credyt.ai or http://127.0.0.1:8787',
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(`Invalid base URL "${url}": only http and https are supported`);
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new ConfigError(`Invalid base URL "${url}": it must not contain a query or a fragment`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ConfigError(
      `Invalid base URL "${redactUserInfo(parsed)}": credentials in the URL are not supported`,
      ExitCode.Usage,
      'pass the API key with --api-key, CREDYT_API_KEY or `credyt login`',
    );
  }
  if (hasKey && parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new ConfigError(
      `Refusing to send the API key to ${displayBaseUrl(parsed)}: keys are only sent over https ` +
        '(plain http is allowed only to localhost, 127.0.0.0/8 and ::1)',
      ExitCode.Usage,
      `use https://${parsed.host}${trimmedPath(parsed)}`,
    );
  }
  return parsed;
}

/** The base URL as shown in messages: origin plus path prefix, no trailing slash. */
export function displayBaseUrl(url: URL): string {
  return `${url.origin}${trimmedPath(url)}`;
}

/** The path prefix of a base URL without its trailing slash ('' for the root). */
export function trimmedPath(url: URL): string {
  return url.pathname.replace(/\/+$/, '');
}

function redactUserInfo(url: URL): string {
  const copy = new URL(url.href);
  copy.username = '';
  copy.password = '';
  return copy.href;
}
