/** Exit codes, as documented in `credyt help exit-codes` and DESIGN.md. */
export enum ExitCode {
  Ok = 0,
  Generic = 1,
  Usage = 2,
  Auth = 3,
  NotFound = 4,
  Validation = 5,
  RateLimited = 6,
  Server = 7,
  Network = 8,
  PartialFailure = 9,
  PlanChanges = 10,
  LedgerViolations = 11,
  /** The server does not serve a local-only endpoint (12: 11 is taken by `local verify`). */
  Unsupported = 12,
  Interrupted = 130,
}

/** Base of every error the CLI expects; anything else is a bug (exit 1). */
export class CredytError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A result that is not a failure but has its own exit code (pricing plan: changes pending). */
export class ExitStatus extends CredytError {}

/** Wrong flags or arguments; the message names the flag. */
export class UsageError extends CredytError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Usage, hint);
  }
}

/** The user interrupted (Ctrl-C at a prompt or during a run). */
export class CancelledError extends CredytError {
  constructor(message = 'Interrupted') {
    super(message, ExitCode.Interrupted);
  }
}

/** Configuration or profile problems that are not the API's. */
export class ConfigError extends CredytError {
  constructor(message: string, exitCode: ExitCode = ExitCode.Usage, hint?: string) {
    super(message, exitCode, hint);
  }
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: Record<string, string[]>;
  [key: string]: unknown;
}

/** A non-2xx answer of the API, carrying its problem+json body. */
export class ApiError extends CredytError {
  constructor(
    message: string,
    exitCode: ExitCode,
    readonly status: number,
    readonly problem: ProblemDetails | undefined,
    hint?: string,
  ) {
    super(message, exitCode, hint);
  }
}

/** The server could not be reached, or did not answer in time. */
export class NetworkError extends CredytError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Network, hint);
  }
}
