import { describe, expect, it } from 'vitest';
import { TextArena } from '../../../src/pipeline/arena.js';

describe('TextArena', () => {
  it('gives back each text as stored, across buffers, a line bigger than a buffer included', () => {
    const arena = new TextArena();
    const texts = Array.from({ length: 30_000 }, (_, i) => `{"id":${i},"s":"${'é✓😀x'.repeat(i % 40)}"}`);
    texts.push('y'.repeat(3 << 20));
    const handles = texts.map((t) => arena.put(t));
    handles.forEach((h, i) => {
      expect(arena.text(h)).toBe(texts[i]);
      expect(arena.size(h)).toBe(Buffer.byteLength(texts[i]!));
    });
    const target = Buffer.alloc(100);
    const end = arena.copy(handles[41]!, target, 3);
    expect(target.toString('utf8', 3, end)).toBe(texts[41]);
  });

  it('a buffer is freed with its last line, and its room used again', () => {
    const arena = new TextArena();
    const line = 'x'.repeat(1000);
    const first = Array.from({ length: 3000 }, () => arena.put(line));
    expect(arena.bytes).toBeGreaterThanOrEqual(3000 * 1000);
    for (const h of first) arena.release(h);
    expect(() => arena.text(first[0]!)).toThrow(/released/);
    // Only the buffer being filled is left.
    expect(arena.bytes).toBe(1 << 20);
    const again = Array.from({ length: 3000 }, () => arena.put(line));
    expect(arena.text(again[2999]!)).toBe(line);
    // Buffers of released lines are gone, not kept beside the new ones: 3 MB of lines fit
    // in four 1 MiB buffers, the one being filled included.
    expect(arena.bytes).toBeLessThanOrEqual(4 << 20);
  });
});
