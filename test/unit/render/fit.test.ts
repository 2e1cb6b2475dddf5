import { describe, expect, it } from 'vitest';
import { bufferedStreams } from '../../../src/io/buffer-streams.js';
import { resolveOutput } from '../../../src/render/output.js';
import { printRecord, printRecords, type Column } from '../../../src/render/records.js';
import { fitWidths } from '../../../src/render/fit.js';

interface Row {
  id: string;
  url: string;
  amount: string;
}
const rows: Row[] = [
  { id: 'top_01jx7k3m9q2r4s6t8v0w2y4z6d', url: 'http://127.0.0.1:4010/checkout/top_01jx7k3m9q2r4s6t8v0w2y4z6d?token=abc.def.ghi', amount: '1234567.891234' },
  { id: 'top_2', url: 'http://x', amount: '1' },
];
const columns: Column<Row>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'REDIRECT URL', field: 'url', value: (r) => r.url },
  { header: 'AMOUNT', value: (r) => r.amount, precision: () => 6 },
];
const spec = { columns, rows, json: rows, id: (r: Row) => r.id };

function table(columnsWide: number | undefined, one = false): string {
  const io = bufferedStreams({ tty: true, columns: columnsWide });
  const out = resolveOutput(io, {}, {});
  if (one) printRecord(out, { ...spec, row: rows[0]! });
  else printRecords(out, spec);
  return io.out();
}
const widest = (text: string) => Math.max(...text.trimEnd().split('\n').map((l) => [...l].length));

describe('tables on a terminal', () => {
  it('fit its width: long cells wrap, amounts stay whole', () => {
    const wide = table(undefined);
    expect(widest(wide)).toBeGreaterThan(60);
    const narrow = table(60);
    expect(widest(narrow)).toBeLessThanOrEqual(60);
    expect(narrow).toContain('1234567.891234'); // not cut
    // Every character of the id and the link is still there, across lines.
    const cellsOf = (text: string, col: number) =>
      text.split('\n').map((l) => l.split('│')[col]?.trim() ?? '').join('');
    expect(cellsOf(narrow, 1)).toContain(rows[0]!.id);
    expect(cellsOf(narrow, 2)).toContain(rows[0]!.url);
  });

  it('are left as they are when they fit', () => {
    expect(table(300)).toBe(table(undefined));
  });

  it('a single record (field list) wraps its values too', () => {
    expect(widest(table(undefined, true))).toBeGreaterThan(50);
    expect(widest(table(50, true))).toBeLessThanOrEqual(50);
  });

  it('fitWidths gives up characters from the widest shrinkable column first', () => {
    expect(fitWidths([10, 40, 12], [false, false, true], [2, 3, 6], 50)).toEqual([10, 18, 12]);
    expect(fitWidths([10, 10], [false, false], [2, 2], 100)).toBeUndefined();
  });
});
