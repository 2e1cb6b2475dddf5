import { request, type Dispatcher } from 'undici';
import { SIGNATURE_HEADER, signPayload } from './signature.js';

/** One signed POST of an event body: what the delivery worker and `credyt listen --forward-to` send. */
export interface SignedPost {
  url: string;
  secret: string;
  body: string;
  /** The signature's timestamp. */
  at: Date;
  signal: AbortSignal;
  dispatcher?: Dispatcher;
  headers?: Record<string, string>;
}

/** How a signed POST went: the status (null: no answer), how long it took, and why it failed. */
export interface SignedPostOutcome {
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * POSTs `body` with a fresh `Credyt-Signature` for `secret` and reads the answer to its
 * end. A network failure or an abort is an outcome, not a throw.
 */
export async function postSigned(post: SignedPost): Promise<SignedPostOutcome> {
  const header = signPayload(post.secret, post.body, Math.floor(post.at.getTime() / 1000));
  const began = performance.now();
  let statusCode: number | null = null;
  try {
    const answer = await request(post.url, {
      method: 'POST',
      dispatcher: post.dispatcher,
      body: post.body,
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: header, ...post.headers },
      signal: post.signal,
    });
    statusCode = answer.statusCode;
    await answer.body.dump();
    return { statusCode, durationMs: performance.now() - began, error: null };
  } catch (cause) {
    // An answer whose body broke off keeps its status: the receiver did answer.
    const error = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    return { statusCode, durationMs: performance.now() - began, error };
  }
}
