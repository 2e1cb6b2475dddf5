import { describe, expect, it } from 'vitest';
import { derivedIds, Occurrences } from '../../../src/pipeline/occurrences.js';
import { idNamespace, uuidV5 } from '../../../src/pipeline/uuid5.js';

describe('derived ids with occurrence numbers', () => {
  it('keeps the first occurrence on the id it always had, and numbers the others', () => {
    const ns = idNamespace(undefined);
    const derive = derivedIds(ns, 'top-up');
    const ids = ['x', 'y', 'x', 'x'].map(derive);
    expect(ids[0]).toBe(uuidV5(ns, 'top-up\nx'));
    expect(ids[1]).toBe(uuidV5(ns, 'top-up\ny'));
    expect(ids[2]).toBe(uuidV5(ns, 'top-up\nx\n#2'));
    expect(ids[3]).toBe(uuidV5(ns, 'top-up\nx\n#3'));
    // The same file again, with a line appended: the same ids, then a new one.
    const again = derivedIds(ns, 'top-up');
    expect(['x', 'y', 'x', 'x', 'x'].map(again)).toEqual([...ids, uuidV5(ns, 'top-up\nx\n#4')]);
  });

  it('counts exactly through growth and past 255 repeats', () => {
    const seen = new Occurrences();
    const ns = idNamespace(undefined);
    const ids = Array.from({ length: 5000 }, (_, i) => uuidV5(ns, String(i)));
    for (const id of ids) expect(seen.next(id)).toBe(1);
    for (const id of ids) expect(seen.next(id)).toBe(2);
    for (let k = 3; k <= 300; k++) expect(seen.next(ids[7]!)).toBe(k);
    expect(seen.next(ids[8]!)).toBe(3);
  });
});
