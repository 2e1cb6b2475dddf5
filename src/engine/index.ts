export { Engine, openEngine, DEFAULT_ORIGIN, type EngineOptions } from './engine.js';
export { EngineError, type ErrorCode, type FieldErrors } from './errors.js';
export { systemClock, type Clock } from './time.js';
export { MIGRATIONS, type Migration } from './migrations.js';
export type { Query } from './paging.js';
export type * from './types.js';
export type * from './pricing-types.js';
export type { Portal, PortalSession, PortalSessionView, Checked } from './portal.js';
export { CommitFailed, type CommitGroups } from './group-commit.js';
