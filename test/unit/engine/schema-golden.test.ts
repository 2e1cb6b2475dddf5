import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openEngine } from '../../../src/engine/index.js';
import { generateSchema, SCHEMA_FILE } from '../../../scripts/schema.mjs';

describe('docs/schema.sql', () => {
  // A migration added or changed without `npm run schema` leaves the file describing an
  // older database than the one users get; compared whole so the diff shows what moved.
  it('is the schema a freshly migrated database has', () => {
    expect(generateSchema(openEngine)).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('comes out the same twice (nothing in it depends on the run)', () => {
    expect(generateSchema(openEngine)).toBe(generateSchema(openEngine));
  });
});
