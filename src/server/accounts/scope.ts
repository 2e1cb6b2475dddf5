import type { Engine } from '../../engine/index.js';
import type { AccountScope } from '../routes/accounts.js';
import { CONNECT_PREFIX } from './dispatch.js';

/**
 * What a connected account's routes know of it (routes/accounts.ts), for its fastify app
 * (local-app.ts) and its in-process router alike.
 */
export function accountScope(platform: Engine, accountId: string): AccountScope {
  return { view: platform.accounts.get(accountId), platformId: platform.platformAccount().id };
}

/** The account's links (checkout, portal) lead to its pages under the platform's origin. */
export function accountOrigin(publicOrigin: string | (() => string), accountId: string): () => string {
  const base = typeof publicOrigin === 'function' ? publicOrigin : () => publicOrigin;
  return () => `${base()}${CONNECT_PREFIX}/${accountId}`;
}
