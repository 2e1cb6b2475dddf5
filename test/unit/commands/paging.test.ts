import { describe, expect, it } from 'vitest';
import { fetchList } from '../../../src/commands/paging.js';
import type { Runtime } from '../../../src/runtime.js';
import type { Page, PageQuery } from '../../../src/client/types.js';
import { LosslessNumber } from '../../../src/json/parse.js';

const N = (n: number) => new LosslessNumber(String(n));

/** A fake API of `count` items that records the pages asked for. */
function api(count: number, withTotal = true) {
  const asked: PageQuery[] = [];
  const fetch = async (q: PageQuery): Promise<Page<number>> => {
    asked.push(q);
    const limit = Math.min(q.limit ?? 20, 100);
    const start = q.offset ?? 0;
    const items = Array.from({ length: Math.max(0, Math.min(limit, count - start)) }, (_, i) => start + i);
    const page = { items, limit: N(limit), offset: N(start) } as Page<number>;
    if (withTotal) page.total_count = N(count);
    return page;
  };
  return { asked, fetch };
}
const rt = (flags: { limit?: number; all?: boolean }) => ({ flags }) as unknown as Runtime;

describe('fetchList', () => {
  it('asks for 20 by default, one page', async () => {
    const { asked, fetch } = api(1204);
    const list = await fetchList(rt({}), {}, fetch);
    expect(list.items).toHaveLength(20);
    expect(list.total).toBe(1204);
    expect(asked).toEqual([{ limit: 20, offset: 0 }]);
  });

  it('follows pages of 100 for a larger --limit, from --offset', async () => {
    const { asked, fetch } = api(1204);
    const list = await fetchList(rt({ limit: 250 }), { offset: 10 }, fetch);
    expect(list.items[0]).toBe(10);
    expect(list.items).toHaveLength(250);
    expect(asked).toEqual([{ limit: 100, offset: 10 }, { limit: 100, offset: 110 }, { limit: 50, offset: 210 }]);
    expect(list.json).toMatchObject({ limit: 250, offset: 10, total_count: N(1204) });
  });

  it('--all reads until total_count', async () => {
    const { asked, fetch } = api(230);
    const list = await fetchList(rt({ all: true }), {}, fetch);
    expect(list.items).toHaveLength(230);
    expect(asked).toHaveLength(3);
  });

  it('--all without a total stops at a short page', async () => {
    const { asked, fetch } = api(200, false);
    const list = await fetchList(rt({ all: true }), {}, fetch);
    expect(list.items).toHaveLength(200);
    expect(asked).toHaveLength(3); // the third, empty page says it is over
  });

  it('refuses --limit with --all', async () => {
    await expect(fetchList(rt({ all: true, limit: 5 }), {}, api(5).fetch)).rejects.toThrow(/--limit or --all/);
  });
});
