import { describe, expect, it } from 'vitest';
import { bufferedStreams } from '../../../src/io/buffer-streams.js';
import { colorLevel } from '../../../src/io/streams.js';
import { resolveOutput } from '../../../src/render/output.js';
import { printRecord, printRecords, type Column } from '../../../src/render/records.js';
import { parseJsonLossless } from '../../../src/json/parse.js';

interface Row {
  id: string;
  note: string;
  amount: unknown;
}
const rows = (parseJsonLossless('[{"id":"a","note":"x,\\"y\\"","amount":14.566678},{"id":"b","note":"tab\\there","amount":993450234}]') as Row[]);
const columns: Column<Row>[] = [
  { header: 'ID', value: (r) => r.id },
  { header: 'NOTE', value: (r) => r.note },
  { header: 'AMOUNT', value: (r) => r.amount, precision: (r) => (r.id === 'a' ? 6 : 0) },
];
const spec = { columns, rows, json: { items: rows }, id: (r: Row) => r.id };

describe('output mode', () => {
  it('is a table on a terminal and headerless tsv when piped', () => {
    expect(resolveOutput(bufferedStreams({ tty: true }), {}, {})).toMatchObject({ mode: 'table', header: true });
    expect(resolveOutput(bufferedStreams(), {}, {})).toMatchObject({ mode: 'tsv', header: false });
  });

  it('takes the flag over CREDYT_OUTPUT', () => {
    expect(resolveOutput(bufferedStreams(), { output: 'csv' }, { CREDYT_OUTPUT: 'json' }).mode).toBe('csv');
    expect(resolveOutput(bufferedStreams(), {}, { CREDYT_OUTPUT: 'json' }).mode).toBe('json');
    expect(resolveOutput(bufferedStreams(), { json: true }, {}).mode).toBe('json');
    expect(() => resolveOutput(bufferedStreams(), {}, { CREDYT_OUTPUT: 'xml' })).toThrow(/CREDYT_OUTPUT/);
    expect(() => resolveOutput(bufferedStreams(), { output: 'yaml' }, {})).toThrow(/pricing pull/);
  });

  it('colours only a terminal, never with NO_COLOR', () => {
    expect(colorLevel(true, {})).toBe(1);
    expect(colorLevel(false, {})).toBe(0);
    expect(colorLevel(true, { NO_COLOR: '1' })).toBe(0);
    expect(colorLevel(false, { FORCE_COLOR: '2' })).toBe(2);
    expect(colorLevel(true, {}, true)).toBe(0);
  });
});

describe('records', () => {
  const render = (flags: object, tty = false) => {
    const io = bufferedStreams({ tty });
    printRecords(resolveOutput(io, flags, {}), spec);
    return io.out();
  };

  it('writes json with every digit', () => {
    expect(JSON.parse(render({ output: 'json' })).items[0].amount).toBe(14.566678);
    expect(render({ output: 'json' })).toContain('993450234');
  });

  it('writes one object per line for jsonl', () => {
    expect(render({ output: 'jsonl' }).trim().split('\n')).toHaveLength(2);
  });

  it('quotes csv and flattens tabs in tsv', () => {
    expect(render({ output: 'csv' })).toBe('id,note,amount\na,"x,""y""",14.566678\nb,tab\there,993450234\n');
    expect(render({})).toBe('a\tx,"y"\t14.566678\nb\ttab here\t993450234\n');
    expect(render({ output: 'tsv' }).split('\n')[0]).toBe('id\tnote\tamount');
  });

  it('prints ids only with -q', () => {
    expect(render({ quiet: true })).toBe('a\nb\n');
  });

  it('right-aligns amounts at their precision in a table', () => {
    const table = render({}, true);
    expect(table).toMatch(/│\s+14\.566678 │/);
    expect(table).toMatch(/│\s+993450234 │/);
    expect(table).not.toMatch(/\u001b\[/); // no colour without a colour level
  });

  it('prints one object as a field list on a table', () => {
    const io = bufferedStreams({ tty: true });
    printRecord(resolveOutput(io, {}, {}), { ...spec, row: rows[0]! });
    expect(io.out()).toMatch(/AMOUNT\s+│\s+14\.566678/);
  });
});
