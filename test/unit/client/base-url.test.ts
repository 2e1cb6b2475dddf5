import { describe, expect, it } from 'vitest';
import { assertSafeBaseUrl, isLoopbackUrl } from '../../../src/client/http-transport.js';
import { createHttpTransport } from '../../../src/client/http-transport.js';
import { ConfigError, ExitCode } from '../../../src/errors.js';

function refusal(url: string, hasKey: boolean): ConfigError | undefined {
  try {
    assertSafeBaseUrl(url, hasKey);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
}

describe('assertSafeBaseUrl', () => {
  it.each([
    ['https://api.credyt.ai', true],
    ['https://api.credyt.ai/v1/', true],
    ['http://127.0.0.1:8787', true],
    ['http://127.45.6.7', true],
    ['http://localhost:3000', true],
    ['http://LOCALHOST:3000', true],
    ['http://[::1]:8787', true],
    ['http://127.1:8787', true],
    ['http://example.com', false],
    ['http://10.0.0.5:8787', false],
  ])('accepts %s with or without a key', (url) => {
    expect(refusal(url, false)).toBeUndefined();
  });

  it.each([
    'http://example.com',
    'http://api.credyt.ai',
    'http://10.0.0.5:8787',
    'http://128.0.0.1',
    'http://localhost.evil.com',
    'http://127.0.0.1.nip.io',
    'http://[::2]',
    'http://[::ffff:7f00:1]',
  ])('refuses to send a key to %s', (url) => {
    const err = refusal(url, true);
    expect(err?.exitCode).toBe(ExitCode.Usage);
    expect(err?.message).toContain(new URL(url).origin);
    expect(err?.message).toContain('keys are only sent over https');
  });

  it.each(['not a url', 'api.credyt.ai', 'ftp://api.credyt.ai', 'https://api.credyt.ai/?x=1', 'https://api.credyt.ai/#f', 'https://u:p@api.credyt.ai'])(
    'rejects the invalid base URL %s',
    (url) => {
      const err = refusal(url, false);
      expect(err?.exitCode).toBe(ExitCode.Usage);
      expect(err?.message).toMatch(/^Invalid base URL/);
      expect(err?.message).not.toContain('u:p@');
    },
  );

  it('is enforced when the transport is built', () => {
    expect(() => createHttpTransport({ baseUrl: 'http://example.com', hasApiKey: true })).toThrow(ConfigError);
    expect(() => createHttpTransport({ baseUrl: 'http://example.com' })).not.toThrow();
    expect(() => createHttpTransport({ baseUrl: '::' })).toThrow(/Invalid base URL/);
  });

  it('is enforced per request when a key header appears later', async () => {
    const transport = createHttpTransport({ baseUrl: 'http://example.com' });
    await expect(
      transport.request({ method: 'GET', path: '/x', headers: { 'x-credyt-api-key': 'k' }, retryable: true }),
    ).rejects.toThrow(/keys are only sent over https/);
    await transport.close();
  });

  it('tells loopback URLs', () => {
    expect(isLoopbackUrl('http://127.0.0.1:9')).toBe(true);
    expect(isLoopbackUrl('http://[::1]')).toBe(true);
    expect(isLoopbackUrl('https://api.credyt.ai')).toBe(false);
    expect(isLoopbackUrl('nope')).toBe(false);
  });
});
