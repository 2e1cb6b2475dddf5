// Types for scripts/schema.mjs, so TypeScript tests can import it.
import type { EngineOptions } from '../src/engine/index.js';

export declare const SCHEMA_FILE: string;
export declare function generateSchema(openEngine: (options: EngineOptions) => { close(): void }): string;
