import { CommitFailed } from '../engine/index.js';
import type { CommitGroups } from '../engine/store/group-commit.js';
import { parseExactJson } from '../json/fast-parse.js';
import { Decimal } from '../money/decimal.js';
import { parseJsonDecimal } from '../json/parse.js';
import { stringifyJson } from '../json/write.js';
import { MAX_JSON_DEPTH } from '../json/depth.js';
import { commitFailedProblem } from '../server/group-commit.js';
import { PROBLEM_TYPE, toProblem } from '../server/problem.js';
import type { TransportRequest, TransportResponse } from './transport.js';

export const JSON_TYPE = 'application/json; charset=utf-8';
const toDecimal = (digits: string) => new Decimal(digits);

/** One request a lane answers from the engine, or undefined: the app answers it. */
export type DirectLane = (req: TransportRequest) => Promise<TransportResponse> | undefined;

/** As the app's answer through inject: same headers, same order. */
export function headersOf(type: string, body: string, date: string): Record<string, string> {
  return { 'content-type': type, 'content-length': String(Buffer.byteLength(body)), date, connection: 'keep-alive' };
}

function answer(status: number, type: string, body: string, date: string): TransportResponse {
  return { status, headers: headersOf(type, body, date), body };
}

/** True for a JSON POST (no content type, or exactly the client's); others go through the app. */
export function isJsonPost(req: TransportRequest): req is TransportRequest & { body: string } {
  if (req.method !== 'POST' || req.body === undefined) return false;
  for (const name in req.headers) {
    if (name.toLowerCase() === 'content-type' && req.headers[name] !== 'application/json') return false;
  }
  return true;
}

/**
 * The body as the app reads it (`smallIntegers` as json-body.ts decides per route), or
 * `false` for what the app must refuse in its own words: over its limit, or not JSON
 * (nothing is written then).
 */
export function readBody(text: string, bodyLimit: number, smallIntegers: boolean): unknown {
  if (text.length * 3 > bodyLimit && Buffer.byteLength(text) > bodyLimit) return false;
  if (text.trim() === '') return undefined;
  try {
    return parseExactJson(text, toDecimal, parseJsonDecimal, smallIntegers, MAX_JSON_DEPTH);
  } catch {
    return false;
  }
}

/**
 * Runs one engine call and answers as the app would: `ok` writes a success, an engine
 * refusal is `toProblem`'s document, and the answer is held until the commit group
 * holding the call's writes is on disk, as the app's group-commit hook holds it (503 when
 * that commit failed).
 */
export async function heldAnswer<T>(
  groups: CommitGroups,
  url: string,
  call: () => T,
  ok: (value: T, date: string) => TransportResponse,
): Promise<TransportResponse> {
  const mark = groups.mark();
  let status = 201;
  let type = PROBLEM_TYPE;
  let payload: string | undefined;
  let value: T | undefined;
  try {
    value = call();
  } catch (error) {
    const refusal = toProblem(error, url);
    status = refusal.status;
    payload = stringifyJson(refusal);
  }
  if (groups.pending || groups.failedSince(mark)) {
    try {
      await groups.settled(mark);
    } catch (error) {
      const failed = error instanceof CommitFailed ? commitFailedProblem(error, url) : toProblem(error, url);
      status = failed.status;
      // Set by the app's onSend hook, after fastify added the charset to the others.
      type = PROBLEM_TYPE;
      payload = stringifyJson(failed);
    }
  }
  const date = new Date().toUTCString();
  return payload === undefined ? ok(value as T, date) : answer(status, type, payload, date);
}

/** A 201 of `body` (JSON text), as the app writes one. */
export const created = (body: string, date: string): TransportResponse => answer(201, JSON_TYPE, body, date);
