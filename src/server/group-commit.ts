import type { FastifyInstance } from 'fastify';
import { CommitFailed, type Engine } from '../engine/index.js';
import { stringifyJson } from '../json/write.js';
import { PROBLEM_TYPE, problem } from './problem.js';

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
    // Nothing was written or read since this request came in: answer at once.
    if (mark === 0 || (!groups.pending && !groups.failedSince(mark))) return done(null, payload);
    groups.settled(mark).then(
      () => done(null, payload),
      (error: unknown) => {
        if (!(error instanceof CommitFailed)) return done(error as Error);
        reply.code(503).type(PROBLEM_TYPE);
        done(null, stringifyJson(commitFailedProblem(error, request.url)));
      },
    );
  });
}
