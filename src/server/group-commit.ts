import type { FastifyInstance } from 'fastify';
import { CommitFailed, type Engine } from '../engine/index.js';
import { stringifyJson } from '../json/write.js';
import type { CommitGroups } from '../engine/store/group-commit.js';
import { PROBLEM_TYPE, problem, problemText, type Problem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The first commit group that may hold this request's effects (CommitGroups.mark). */
    commitMark: number;
  }
}

/** The answer to a request whose commit group failed: nothing of it is in the file. */
export function commitFailedProblem(error: CommitFailed, url: string) {
  return problem(503, 'internal_error', `Not applied: ${error.message}; retry the request`, url);
}

/**
 * Group commit for every request (docs/ledger.md): the engine's writes of one event-loop
 * turn share one transaction, and each reply is held until the group holding what the
 * request wrote, or read, has committed with synchronous=FULL. When that commit fails,
 * every held reply becomes a 503 problem instead (nothing of the group is in the file; a
 * retry with the same idempotency key applies it once).
 */
export function useGroupCommit(app: FastifyInstance, engine: Engine): void {
  const groups = engine.groupCommit();
  app.decorateRequest('commitMark', 0);
  app.addHook('onRequest', (request, _reply, done) => {
    request.commitMark = groups.mark();
    done();
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const mark = request.commitMark;
    const waiting = mark === 0 ? undefined : afterCommit(groups, mark, request.url);
    if (!waiting) return done(null, payload);
    waiting.then(
      (failed) => {
        if (!failed) return done(null, payload);
        reply.code(503).type(PROBLEM_TYPE);
        done(null, problemText(failed));
      },
      (error: unknown) => done(error as Error),
    );
  });
}

/**
 * The wait before answering a request that came in at `mark`, for the app's hook and the
 * in-process lanes alike: undefined when nothing was written or read since (answer at
 * once), else a promise of the 503 problem to answer instead when the group holding the
 * request failed to commit (undefined when it is on disk).
 * @throws (the promise) what the commit threw other than CommitFailed
 */
export function afterCommit(groups: CommitGroups, mark: number, url: string): Promise<Problem | undefined> | undefined {
  if (!groups.pending && !groups.failedSince(mark)) return undefined;
  return groups.settled(mark).then(
    () => undefined,
    (error: unknown) => {
      if (error instanceof CommitFailed) return commitFailedProblem(error, url);
      throw error;
    },
  );
}
