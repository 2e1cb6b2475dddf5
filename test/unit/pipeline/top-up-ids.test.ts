import { describe, expect, it } from 'vitest';
import { adjustKind, content, topUpKind, type CreditItem } from '../../../src/commands/top-up/bulk.js';
import { canonicalJson } from '../../../src/json/canonical.js';
import { CREDYT_NAMESPACE, uuidV5 } from '../../../src/pipeline/uuid5.js';

/**
 * Derived ids of top-up and adjust lines: the content they are made from is written member
 * by member; it must stay the text canonicalJson wrote of the item (as first written), or a
 * re-run of an old file would credit its lines twice.
 */
function reference(item: Omit<CreditItem, 'transactionId'>): string {
  return canonicalJson({ ...item, amount: item.amount, rate: item.rate });
}

function prepared(kind: ReturnType<typeof topUpKind>, line: Record<string, unknown>): { name: string; id: string; item: CreditItem } {
  let name = '';
  const { item } = kind.prepare(line, 'csv', (n) => {
    name = n;
    return uuidV5(CREDYT_NAMESPACE, `${kind.kind}\n${n}`);
  });
  return { name, id: item.transactionId, item };
}

const TOP_UPS: Record<string, unknown>[] = [
  { customer: 'c1', amount: '10.50', currency: 'usd' },
  { customer: 'acme', amount: '0.000001', currency: 'EUR', asset: 'TOK', rate: '1.25', reason: 'gift' },
  { customer_external_id: 'x"y\\z', amount: '3', currency: 'USD', description: 'row é 1', expires_at: '2027-01-01T00:00:00+02:00', account_name: 'promo' },
  { customer: 'c2', amount: '7', currency: 'USD', 'metadata.b': '2', 'metadata.a': 'ü', 'metadata.ref': 'r-1' },
];
const ADJUSTS: Record<string, unknown>[] = [
  { customer: 'c1', amount: '-4.5', asset: 'TOK', reason: 'charge' },
  { customer: 'c3', amount: '2', asset: 'USD', reason: 'gift', description: 'd', account_name: 'a', 'metadata.k': 'v' },
];

describe('derived ids of top-up and adjust lines', () => {
  it('are made from the same canonical text as before', () => {
    for (const [kind, lines] of [
      [topUpKind('external_topup'), TOP_UPS],
      [adjustKind(undefined), ADJUSTS],
    ] as const) {
      for (const line of lines) {
        const { name, item } = prepared(kind, line);
        const { transactionId: _id, ...rest } = item;
        expect(name).toBe(reference(rest));
        expect(content(rest)).toBe(name);
      }
    }
  });

  it('stay the ids first derived (pinned)', () => {
    const ids = [...TOP_UPS.map((l) => prepared(topUpKind('external_topup'), l).id), ...ADJUSTS.map((l) => prepared(adjustKind(undefined), l).id)];
    expect(ids).toMatchInlineSnapshot(`
      [
        "a7831746-1c55-57bf-a013-67b20fadfac1",
        "ecc43dd4-d37c-52b7-a451-f0bc90cb6294",
        "0dba3384-b50e-5f1d-9a60-75431252d7f3",
        "92cf4b91-05ec-5b8a-b75a-0cefd696357d",
        "7685ffeb-6cb5-5c53-8f42-44a566076d47",
        "37d514ad-cdd0-56a0-a0f9-42fe32a70174",
      ]
    `);
  });
});
