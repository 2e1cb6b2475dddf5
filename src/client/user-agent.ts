import { readFileSync } from 'node:fs';

let version: string | undefined;

/**
 * `credyt/<version> node/<version>`. The package version is read once, on first use, from
 * package.json two levels up (the same from src/client and dist/client).
 */
export function defaultUserAgent(cliVersion?: string): string {
  return `credyt/${cliVersion ?? packageVersion()} node/${process.versions.node}`;
}

function packageVersion(): string {
  if (version === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version?: unknown;
      };
      version = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
