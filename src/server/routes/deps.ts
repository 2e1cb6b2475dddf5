import type { Engine } from '../../engine/index.js';

/** What route handlers need: the engine and the origin top-up redirect URLs point at. */
export interface RouteDeps {
  engine: Engine;
  origin: () => string;
}

export type Query = Record<string, string | string[] | undefined>;
