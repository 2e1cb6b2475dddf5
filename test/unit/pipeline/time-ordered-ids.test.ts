import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { usageKind } from '../../../src/commands/usage/bulk.js';
import { derivedIds } from '../../../src/pipeline/occurrences.js';
import { idNamespace, isUuid } from '../../../src/pipeline/uuid5.js';
import { timedId, uuidV7 } from '../../../src/pipeline/uuid7.js';
import { parseJsonLine } from '../../../src/json/parse.js';

const GOLDEN = JSON.parse(readFileSync(new URL('./derived-ids.golden.json', import.meta.url), 'utf8')) as {
  ndjson: [string | null, string, string, string][];
};

/** The id usageKind gives a parsed NDJSON line under `scheme`, a fresh run per line. */
function idOf(line: string, scheme: 'v1' | 'v2', namespace?: string): string {
  const kind = usageKind(undefined, false);
  const { item } = kind.prepare(parseJsonLine(line) as Record<string, unknown>, 'ndjson', derivedIds(idNamespace(namespace), 'usage', scheme));
  return kind.json(item).slice(7, 43);
}

const at = (ms: number) => new Date(Date.UTC(2026, 11, 5) + ms).toISOString();

describe('time-ordered ids', () => {
  it('uuidV7: version 7, the variant bits, and the time in the first 48 bits', () => {
    const when = new Date('2026-12-05T12:34:56.789Z');
    const id = uuidV7(when);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(when.getTime());
    expect(uuidV7(new Date(when.getTime() + 1)) > id).toBe(true);
  });

  it('timedId: version 8, the time first, the rest from the content id', () => {
    const content = 'eb7af299-8d1a-5c5b-81b0-7655acf40d7c';
    const id = timedId(Date.parse('2026-11-24T10:00:00Z'), content);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('8');
    expect('89ab').toContain(id[19]);
    expect(id.slice(0, 13)).toBe(`${Date.parse('2026-11-24T10:00:00Z').toString(16).padStart(8 + 4, '0').replace(/^(.{8})/, '$1-')}`);
    expect(timedId(Date.parse('2026-11-24T10:00:00Z'), content)).toBe(id);
    expect(timedId(Date.parse('2026-11-24T10:00:00Z'), 'fb7af299-8d1a-5c5b-81b0-7655acf40d7c')).not.toBe(id);
    // Before 1970, and past 48 bits: clamped, still a UUID.
    expect(timedId(-5, content).startsWith('00000000-0000-8')).toBe(true);
    expect(timedId(2 ** 50, content).startsWith('ffffffff-ffff-8')).toBe(true);
  });

  it('v1 ids are the ones every earlier release derived (golden values)', () => {
    expect(GOLDEN.ndjson.length).toBeGreaterThan(20);
    for (const [namespace, line, , json] of GOLDEN.ndjson) {
      expect(idOf(line, 'v1', namespace ?? undefined), line).toBe(json.slice(7, 43));
    }
  });

  it('v2: the v1 id behind the line time; a line without occurred_at keeps its v1 id', () => {
    let timed = 0;
    for (const [namespace, line] of GOLDEN.ndjson) {
      const v1 = idOf(line, 'v1', namespace ?? undefined);
      const occurred = (parseJsonLine(line) as { occurred_at?: string }).occurred_at;
      const expected = occurred === undefined ? v1 : timedId(Date.parse(occurred), v1);
      if (occurred !== undefined) timed++;
      expect(idOf(line, 'v2', namespace ?? undefined), line).toBe(expected);
    }
    expect(timed).toBeGreaterThan(0);
  });

  it('the ids of a file sorted by time increase, and identical lines keep the #k rule', () => {
    const derive = derivedIds(idNamespace(undefined), 'usage', 'v2');
    const kind = usageKind(undefined, false);
    const lines = Array.from({ length: 2000 }, (_, i) => `{"customer":"c${i % 7}","type":"t","occurred_at":"${at(i * 7)}"}`);
    const ids = lines.map((line) => kind.json(kind.prepare(parseJsonLine(line) as Record<string, unknown>, 'ndjson', derive).item).slice(7, 43));
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!, `line ${i + 1}`).toBe(true);

    const twice = derivedIds(idNamespace(undefined), 'usage', 'v2');
    const same = [twice('x', 1000), twice('x', 1000), twice('x', 1000)];
    expect(new Set(same).size).toBe(3);
    for (const id of same) expect(id.slice(0, 13)).toBe(same[0]!.slice(0, 13));
  });
});
