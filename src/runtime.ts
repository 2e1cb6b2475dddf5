import type { Command } from 'commander';
import type { Context } from './context.js';
import type { GlobalFlags } from './globals.js';
import { resolveOutput, type Output } from './render/output.js';
import { ConfigError, ExitCode } from './errors.js';
import { ProfileStore } from './config/profile-store.js';
import { defaultConfigDir, defaultDbPath } from './config/paths.js';
import { CredytClient } from './client/client.js';
import { createHttpTransport, assertSafeBaseUrl, isLoopbackUrl, type AttemptInfo } from './client/http-transport.js';
import { createEmbeddedTransport } from './client/embedded-transport.js';
import type { Transport } from './client/transport.js';

/** Where requests of this run go. */
export type Target =
  | { profile: string; kind: 'embedded'; dbPath: string }
  | { profile: string; kind: 'http'; baseUrl: string; apiKey?: string; loopback: boolean };

/**
 * Per-run state derived from the context and the global flags: output mode, profile,
 * client. Everything is lazy so `--help` or a usage error costs nothing.
 */
export class Runtime {
  readonly output: Output;
  private store?: ProfileStore;
  private clientPromise?: Promise<CredytClient>;

  constructor(
    readonly ctx: Context,
    readonly flags: GlobalFlags,
    readonly command: Command,
  ) {
    this.output = resolveOutput(ctx.io, flags, ctx.env);
  }

  get io() {
    return this.ctx.io;
  }

  get debug(): boolean {
    return Boolean(this.flags.debug) || this.ctx.env.CREDYT_DEBUG === '1';
  }

  profiles(): ProfileStore {
    this.store ??= new ProfileStore({ dir: this.ctx.env.CREDYT_CONFIG_DIR || defaultConfigDir() });
    return this.store;
  }

  /** Flag > env > profile > default, for the profile, base URL, key and database. */
  target(): Target {
    const { flags, ctx } = this;
    const env = ctx.env;
    const name = flags.profile ?? (env.CREDYT_PROFILE || undefined) ?? this.profiles().current();
    const profile = this.profiles().get(name);
    if (!profile) {
      const known = this.profiles().list().map((p) => p.name).join(', ');
      throw new ConfigError(`No profile named "${name}" (known: ${known}).`, ExitCode.Usage, 'Create one with `credyt login --profile NAME`.');
    }
    const baseUrl = flags.baseUrl ?? (env.CREDYT_BASE_URL || undefined) ?? profile.base_url;
    const apiKey = flags.apiKey ?? (env.CREDYT_API_KEY || undefined) ?? profile.api_key;
    if (!baseUrl) {
      const dbPath = flags.db ?? (env.CREDYT_DB || undefined) ?? defaultDbPath();
      return { profile: name, kind: 'embedded', dbPath };
    }
    return { profile: name, kind: 'http', baseUrl, apiKey, loopback: isLoopbackUrl(baseUrl) };
  }

  /** True for the embedded engine and `credyt local serve` (loopback): test-mode only. */
  isLocal(): boolean {
    const target = this.target();
    return target.kind === 'embedded' || target.loopback;
  }

  client(): Promise<CredytClient> {
    this.clientPromise ??= this.buildClient();
    return this.clientPromise;
  }

  private async buildClient(): Promise<CredytClient> {
    const target = this.target();
    let transport: Transport;
    if (target.kind === 'embedded') {
      transport = createEmbeddedTransport({ dbPath: target.dbPath, clock: this.ctx.now });
    } else {
      if (!target.apiKey) {
        throw new ConfigError(
          `Profile "${target.profile}" has no API key for ${target.baseUrl}.`,
          ExitCode.Auth,
          `Run \`credyt login --profile ${target.profile}\`, or set CREDYT_API_KEY.`,
        );
      }
      assertSafeBaseUrl(target.baseUrl, true);
      transport = createHttpTransport({
        baseUrl: target.baseUrl,
        timeoutMs: (this.flags.timeout ?? 30) * 1000,
        maxRetries: this.flags.maxRetries ?? 3,
        hasApiKey: true,
        onAttempt: this.debug ? (info) => this.io.stderr.write(traceLine(info) + '\n') : undefined,
      });
    }
    this.ctx.cleanups.push(() => transport.close());
    return new CredytClient({
      transport,
      apiKey: target.kind === 'http' ? target.apiKey : undefined,
      profileName: target.profile,
      userAgent: `credyt/${this.ctx.version} node/${process.versions.node}`,
    });
  }

  /** A success note: stderr, and only when a person is watching stdout. */
  note(message: string): void {
    if (this.io.stdoutIsTTY && !this.output.quiet) this.io.stderr.write(message + '\n');
  }

  warn(message: string): void {
    this.io.stderr.write(`Warning: ${message}\n`);
  }
}

/** One `--debug` line per attempt; the transport never hands headers over, so no key leaks. */
function traceLine(info: AttemptInfo): string {
  const outcome = info.status !== undefined ? String(info.status) : `error ${info.error ?? ''}`;
  const retry = info.retryInMs !== undefined ? `, retrying in ${info.retryInMs} ms` : '';
  return `[debug] ${info.method} ${info.url} → ${outcome} in ${Math.round(info.ms)} ms (attempt ${info.attempt}${retry})`;
}
