/** When a failed delivery is tried again, and when it gives up (docs/webhooks.md, "Retries"). */
export interface RetryPolicy {
  /** Wait after the first failed attempt; doubles after each further one. */
  baseDelayMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
  /** How long after its retry window began (created, or resent) a delivery is given up. */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 3_600_000,
  giveUpAfterMs: 3 * 24 * 3_600_000,
};

/**
 * The next attempt after `attempts` failed ones (this one included), or null when it
 * would fall past the give-up time: 1 s, 2 s, 4 s … capped at 1 h, for 3 days.
 */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, now: Date, retryFrom: Date): Date | null {
  const doublings = Math.min(Math.max(attempts - 1, 0), 40);
  const delay = Math.min(policy.baseDelayMs * 2 ** doublings, policy.maxDelayMs);
  const next = now.getTime() + delay;
  return next > retryFrom.getTime() + policy.giveUpAfterMs ? null : new Date(next);
}
