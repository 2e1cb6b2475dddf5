import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { usageKind } from '../../../src/commands/usage/bulk.js';
import { derivedIds, type IdScheme } from '../../../src/pipeline/occurrences.js';
import { idNamespace } from '../../../src/pipeline/uuid5.js';
import { parseJsonLine } from '../../../src/json/parse.js';

/**
 * Ids of whole runs as the CLI derived them before ids were built straight from the hash
 * (computed with main at 834ba50): lines with and without `occurred_at`, repeated lines
 * (the k-th of several identical ones), both schemes, the default namespace, a named one
 * and a UUID one. A re-run of a file must derive these again, or it would charge it twice.
 */
const PINS = JSON.parse(readFileSync(new URL('./derived-id-pins.golden.json', import.meta.url), 'utf8')) as {
  lines: string[];
  runs: { scheme: IdScheme; namespace: string | null; ids: string[] }[];
  names: string[];
  topUp: string[];
};

describe('derived ids of a run stay what they were', () => {
  it('usage lines, --id-scheme v1 and v2, with and without --id-namespace', () => {
    expect(PINS.runs).toHaveLength(6);
    for (const { scheme, namespace, ids } of PINS.runs) {
      const kind = usageKind(undefined, false);
      const derive = derivedIds(idNamespace(namespace ?? undefined), 'usage', scheme);
      const got = PINS.lines.map((line) => kind.json(kind.prepare(parseJsonLine(line) as Record<string, unknown>, 'ndjson', derive).item).slice(7, 43));
      expect(got, `${scheme} ${namespace}`).toEqual(ids);
    }
  });

  it('other kinds, repeated names included', () => {
    const derive = derivedIds(idNamespace(undefined), 'top-up');
    expect(PINS.names.map((name) => derive(name))).toEqual(PINS.topUp);
  });
});
