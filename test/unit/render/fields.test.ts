import { describe, expect, it } from 'vitest';
import { bufferedStreams } from '../../../src/io/buffer-streams.js';
import { resolveOutput } from '../../../src/render/output.js';
import { printRecord, printRecords, type Column } from '../../../src/render/records.js';
import { parseJsonLossless } from '../../../src/json/parse.js';

interface Row {
  id: string;
  external_id: string;
  amount: unknown;
  created_at: string;
}
const rows = parseJsonLossless(
  '[{"id":"a","external_id":"x","amount":14.566678,"created_at":"2026-01-01T00:00:00Z"},' +
    '{"id":"b","external_id":"y","amount":993450234,"created_at":"2026-01-02T00:00:00Z"}]',
) as Row[];
const columns: Column<Row>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'EXTERNAL ID', value: (r) => r.external_id },
  { header: 'AVAILABLE', field: 'amount', value: (r) => r.amount, precision: () => 6 },
];
const spec = { columns, rows, json: { items: rows, total_count: 2 }, id: (r: Row) => r.id };

function print(flags: Record<string, unknown>, tty = false, one = false) {
  const io = bufferedStreams({ tty });
  const out = resolveOutput(io, flags, {});
  if (one) printRecord(out, { ...spec, row: rows[0]! });
  else printRecords(out, spec);
  return { out: io.out(), err: io.err() };
}

describe('--fields', () => {
  it('picks and orders columns of csv and tsv by the API keys, which head them', () => {
    expect(print({ output: 'csv', fields: 'amount,id' }).out).toBe('amount,id\n14.566678,a\n993450234,b\n');
    expect(print({ output: 'tsv', fields: 'external_id' }).out).toBe('external_id\nx\ny\n');
  });

  it('reaches keys that have no column', () => {
    expect(print({ output: 'tsv', fields: 'id,created_at', header: false }).out).toBe('a\t2026-01-01T00:00:00Z\nb\t2026-01-02T00:00:00Z\n');
  });

  it('reduces the rows of json to the chosen keys, numbers exact, in the same document shape', () => {
    expect(print({ json: true, fields: 'id,amount' }).out).toBe(
      '{\n  "items": [\n    {\n      "id": "a",\n      "amount": 14.566678\n    },\n    {\n      "id": "b",\n      "amount": 993450234\n    }\n  ],\n  "total_count": 2\n}\n',
    );
    const wallet = (json: unknown) => {
      const io = bufferedStreams();
      printRecords(resolveOutput(io, { json: true, fields: 'id' }, {}), { ...spec, json });
      return JSON.parse(io.out());
    };
    expect(wallet({ accounts: rows })).toEqual({ accounts: [{ id: 'a' }, { id: 'b' }] });
    expect(wallet(rows)).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(print({ output: 'jsonl', fields: 'amount' }).out).toBe('{"amount":14.566678}\n{"amount":993450234}\n');
    expect(print({ json: true, fields: 'id' }, false, true).out).toBe('{\n  "id": "a"\n}\n');
  });

  it('keeps the table formatting of the columns it keeps', () => {
    const { out } = print({ fields: 'id,amount' }, true);
    expect(out).toMatch(/│ a\s+│\s+14\.566678 │/);
    expect(out).not.toContain('EXTERNAL ID');
  });

  it('alone, lists the fields: columns first, then the other keys', () => {
    expect(print({ fields: true }).out).toBe('id\nexternal_id\namount\ncreated_at\n');
    expect(print({ fields: true }, false, true).out).toBe('id\nexternal_id\namount\ncreated_at\n');
  });

  it('an unknown field is a usage error listing the known ones', () => {
    expect(() => print({ fields: 'id,nope' })).toThrow(/Unknown field for --fields: nope\. Available: id, external_id, amount, created_at/);
  });
});

describe('the truncation notice', () => {
  const listing = (total: number, offset = 0, mode = 'table') => {
    const io = bufferedStreams({ tty: true });
    printRecords(resolveOutput(io, { output: mode }, {}), { ...spec, total, offset, noun: 'customers' });
    return io.err();
  };
  it('says how many exist and how to see them', () => {
    expect(listing(1204)).toBe('Showing 2 of 1,204 customers; use --all or --limit N to see more.\n');
    expect(listing(1204, 20)).toBe('Showing 21–22 of 1,204 customers; use --all or --limit N to see more.\n');
  });
  it('is silent when everything is shown, and for json (which has total_count)', () => {
    expect(listing(2)).toBe('');
    expect(listing(22, 20)).toBe('');
    expect(listing(1204, 0, 'json')).toBe('');
  });
});
