import type { Command } from 'commander';
import type { Context } from './context.js';
import type { GlobalFlags } from './globals.js';
import { resolveOutput, type Output } from './render/output.js';
import { CancelledError, ConfigError, CredytError, ExitCode, UsageError } from './errors.js';
import type { PermissionFinding } from './config/config-permissions.js';
import { ProfileStore } from './config/profile-store.js';
import { defaultConfigDir } from './config/paths.js';
import { CredytClient } from './client/client.js';
import { createHttpTransport, assertSafeBaseUrl } from './client/http-transport.js';
import type { Transport } from './client/transport.js';
import { envFlag, promptsAllowed, type Prompter, type TextQuestion } from './io/prompter.js';
import { attemptTracer, traceTransport } from './client/trace.js';
import { selectAccount, type AccountSelection } from './runtime-account.js';
import { resolveTarget, type Target } from './runtime-target.js';

export type { AccountSelection } from './runtime-account.js';
export type { KeySource, Target } from './runtime-target.js';

export interface HttpTransportRequest {
  baseUrl: string;
  apiKey?: string;
  /** Default: `--timeout` or 30 s. */
  timeoutMs?: number;
  /** Default: `--max-retries` or 3. */
  maxRetries?: number;
}

/** A missing required value: the flag that gives it, and how to ask for it. */
export interface Ask extends TextQuestion {
  /** As in the help, e.g. `--code <code>`. */
  flag: string;
  /** Masked input (API keys). */
  secret?: boolean;
}

/**
 * Per-run state derived from the context and the global flags: output mode, profile,
 * client, prompts. Everything is lazy so `--help` or a usage error costs nothing.
 */
export class Runtime {
  #output?: Output;
  /** Config paths found wider than 0700/0600 (and tightened) when the store was opened. */
  permissionFindings: PermissionFinding[] = [];
  /** `__complete` sets this: no warning may reach a terminal in the middle of a completion. */
  silent = false;
  private store?: ProfileStore;
  private clientPromise?: Promise<CredytClient>;
  private readonly warned = new Set<string>();

  constructor(
    readonly ctx: Context,
    readonly flags: GlobalFlags,
    readonly command: Command,
  ) {
  }

  /** Resolved on first use, so a verb with formats of its own (pricing pull -o yaml) can read the flag first. */
  get output(): Output {
    this.#output ??= resolveOutput(this.ctx.io, this.flags, this.ctx.env);
    return this.#output;
  }

  get io() {
    return this.ctx.io;
  }

  get prompter(): Prompter {
    return this.ctx.prompter;
  }

  get debug(): boolean {
    return Boolean(this.flags.debug) || envFlag(this.ctx.env.CREDYT_DEBUG);
  }

  /** True when a person can answer prompts (see io/prompter.ts). */
  get interactive(): boolean {
    const { io, env } = this.ctx;
    return promptsAllowed({ stdinIsTTY: io.stdinIsTTY, stdoutIsTTY: io.stdoutIsTTY, input: this.flags.input, env });
  }

  /** Why this run does not prompt, for the message of a missing value. */
  private noPromptReason(): string {
    const { io, env } = this.ctx;
    if (this.flags.input === false) return '--no-input is given';
    if (envFlag(env.CREDYT_NO_INPUT)) return 'CREDYT_NO_INPUT is set';
    if (envFlag(env.CI)) return 'CI is set';
    if (!io.stdinIsTTY) return 'stdin is not a terminal';
    return 'stdout is not a terminal';
  }

  profiles(): ProfileStore {
    if (!this.store) {
      this.store = new ProfileStore({ dir: this.ctx.env.CREDYT_CONFIG_DIR || defaultConfigDir() });
      this.permissionFindings = this.store.securePermissions();
      for (const f of this.permissionFindings) {
        const mode = (m: number) => '0' + m.toString(8);
        this.warn(
          f.repaired
            ? `${f.path} was open to other users (mode ${mode(f.mode)}); it is now ${mode(f.wanted)}.`
            : `${f.path} is open to other users (mode ${mode(f.mode)}) and was left so (${f.reason}); ` +
                `run \`chmod ${f.wanted.toString(8)} ${f.path}\` if only you use it.`,
        );
      }
    }
    return this.store;
  }

  /** Flag > env > profile > default, for the profile, base URL, key and database (runtime-target.ts). */
  target(): Target {
    return resolveTarget(this.flags, this.ctx.env, this.profiles(), () => this.warnApiKeyFlag());
  }

  /**
   * The connected account this run acts on (runtime-account.ts): its client sends
   * `X-CREDYT-ACCOUNT`. Read, and a malformed id refused, when the client is first asked
   * for: before the run's first request, never for a verb that sends none (`--help`).
   */
  account(): AccountSelection | undefined {
    return selectAccount(this.flags.account, this.ctx.env, () => {
      const name = this.target().profile;
      return { name, account: this.profiles().get(name)?.account };
    });
  }

  /** Once per run: a key on argv can be read by every user of the machine. */
  warnApiKeyFlag(): void {
    this.warnOnce(
      'api-key',
      '--api-key is visible to other processes (ps, /proc); prefer `credyt login --with-key` (key on stdin) or CREDYT_API_KEY.',
    );
  }

  /** True for the embedded engine and `credyt local serve` (loopback): test-mode only. */
  isLocal(): boolean {
    const target = this.target();
    return target.kind === 'embedded' || target.loopback;
  }

  /**
   * The run's client, built on first use. `bulk`: this run sends many requests, several
   * at once (a `--file` run); its transport is told before its first request, so over
   * HTTP every one goes through undici's pool. Any other run's stay on node:http.
   */
  async client(options: { bulk?: boolean } = {}): Promise<CredytClient> {
    this.clientPromise ??= this.buildClient();
    const client = await this.clientPromise;
    if (options.bulk) client.transport.expectMany?.();
    return client;
  }

  private async buildClient(): Promise<CredytClient> {
    const account = this.account();
    const target = this.target();
    let transport: Transport;
    if (target.kind === 'embedded') {
      // Loaded here, not at the top: a command that sends nothing loads nothing of the server.
      const { createEmbeddedTransport } = await import('./server/in-process/embedded-transport.js');
      transport = this.traced(createEmbeddedTransport({
          dbPath: target.dbPath,
          clock: this.ctx.now,
          // CREDYT_DB moves the default ledger; `--db` names one that must exist (a typo
          // must not start a new, empty ledger). `local serve` and `demo` open theirs directly.
          create: target.dbSource === 'flag' ? 'never' : 'on-write',
        }), []);
      this.ctx.cleanups.push(() => transport.close());
    } else {
      if (!target.apiKey) {
        throw new ConfigError(
          `Profile "${target.profile}" has no API key for ${target.baseUrl}.`,
          ExitCode.Auth,
          `Run \`credyt login --profile ${target.profile}\`, or set CREDYT_API_KEY.`,
        );
      }
      transport = this.httpTransport({ baseUrl: target.baseUrl, apiKey: target.apiKey });
    }
    return new CredytClient({
      transport,
      apiKey: target.kind === 'http' ? target.apiKey : undefined,
      profileName: target.profile,
      keySource: target.kind === 'http' ? target.keySource : undefined,
      userAgent: `credyt/${this.ctx.version} node/${process.versions.node}`,
      account: account?.id,
      accountSource: account?.source,
    });
  }

  /**
   * An HTTP transport with this run's limits and `--debug` tracing, closed at the end of
   * the run. `login` and completion use it for a base URL that is not (yet) a profile's.
   */
  httpTransport(req: HttpTransportRequest): Transport {
    assertSafeBaseUrl(req.baseUrl, Boolean(req.apiKey));
    const secrets = [req.apiKey];
    const transport = createHttpTransport({
      baseUrl: req.baseUrl,
      timeoutMs: req.timeoutMs ?? (this.flags.timeout ?? 30) * 1000,
      maxRetries: req.maxRetries ?? this.flags.maxRetries ?? 3,
      hasApiKey: Boolean(req.apiKey),
      onAttempt: this.debug ? attemptTracer({ sink: this.io.stderr, secrets }) : undefined,
    });
    this.ctx.cleanups.push(() => transport.close());
    return this.traced(transport, secrets);
  }

  /** An empty in-memory engine on its own clock: `pricing test --local` and `validate`. */
  async scratchTransport(clock: () => Date): Promise<Transport> {
    // Loaded on demand, as for the embedded profile: other runs never compile the server.
    const { createEmbeddedTransport } = await import('./server/in-process/embedded-transport.js');
    return createEmbeddedTransport({ dbPath: ':memory:', clock });
  }

  /** Delivers the webhook events of an embedded database from this process (`credyt listen`). */
  async startDeliveryWorker(dbPath: string): Promise<{ stop(): Promise<void> }> {
    const { startEmbeddedWorker } = await import('./server/webhooks/embedded-worker.js');
    return startEmbeddedWorker({ dbPath, clock: this.ctx.now });
  }

  private traced(transport: Transport, secrets: (string | undefined)[]): Transport {
    return this.debug ? traceTransport(transport, { sink: this.io.stderr, secrets }) : transport;
  }

  /**
   * A required value: the one given, else asked for at a terminal.
   * @throws UsageError (exit 2) naming the flag when no value was given and prompts are off
   */
  async ask(value: string | undefined, q: Ask): Promise<string> {
    if (value !== undefined) return value;
    if (!this.interactive) {
      throw new UsageError(`Missing ${q.flag} (no prompt: ${this.noPromptReason()}).`);
    }
    const answer = q.secret ? await this.prompter.secret(q) : await this.prompter.text(q);
    return answer.trim();
  }

  /**
   * Several required values at once: with prompts off, one usage error names every
   * missing flag (rather than one per run); at a terminal it lets `ask` prompt for them.
   * @throws UsageError (exit 2) naming the missing flags
   */
  mustHave(values: [value: unknown, flag: string][]): void {
    if (this.interactive) return;
    const missing = values.filter(([value]) => value === undefined).map(([, flag]) => flag);
    if (missing.length === 0) return;
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} and ${missing[missing.length - 1]}`;
    throw new UsageError(`Missing ${list} (no prompt: ${this.noPromptReason()}).`);
  }

  /**
   * Before any request of a run that will ask for confirmation: with prompts off and no
   * `--yes`, fail now (exit 2, naming --yes) rather than after the lookups.
   */
  assertCanConfirm(what: string): void {
    if (this.flags.yes || this.interactive) return;
    throw new UsageError(`${what} needs confirmation: pass --yes to go ahead (no prompt: ${this.noPromptReason()}).`);
  }

  /**
   * Shows what is about to happen and asks to go ahead. `--yes` skips both.
   * @throws UsageError (exit 2) naming --yes when prompts are off
   * @throws CredytError (exit 1) when the person declines: nothing was changed
   */
  async confirm(summary: string[], question: string): Promise<void> {
    if (this.flags.yes) return;
    if (!this.interactive) {
      throw new UsageError(`${question.replace(/\?$/, '')}: this needs --yes to go ahead (no prompt: ${this.noPromptReason()}).`);
    }
    this.io.stderr.write(summary.map((line) => `  ${line}\n`).join(''));
    let ok: boolean;
    try {
      ok = await this.prompter.confirm({ message: question, default: false });
    } catch (error) {
      if (error instanceof CancelledError) throw new CancelledError('Cancelled; nothing was changed.');
      throw error;
    }
    if (!ok) throw new CredytError('Declined; nothing was changed.', ExitCode.Generic);
  }

  /** A success note: stderr, and only when a person is watching stdout. */
  note(message: string): void {
    if (this.io.stdoutIsTTY && !this.output.quiet) this.io.stderr.write(message + '\n');
  }

  warn(message: string): void {
    if (!this.silent) this.io.stderr.write(`Warning: ${message}\n`);
  }

  warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.warn(message);
  }
}
