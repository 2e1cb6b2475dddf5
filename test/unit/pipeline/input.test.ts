import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guessFormat, openInput, type RawRecord } from '../../../src/pipeline/input.js';

async function read(text: string | Buffer[], format: 'ndjson' | 'csv', keepText?: boolean): Promise<RawRecord[]> {
  const stream = Readable.from(typeof text === 'string' ? [Buffer.from(text)] : text);
  const input = await openInput('-', stream, format, { keepText });
  const out: RawRecord[] = [];
  for await (const r of input.records()) out.push(r);
  return out;
}

describe('streaming input', () => {
  it('guesses the format from the extension; --format wins', () => {
    expect(guessFormat('a.csv')).toBe('csv');
    expect(guessFormat('a.ndjson')).toBe('ndjson');
    expect(guessFormat('-')).toBe('ndjson');
    expect(guessFormat('a.txt', 'csv')).toBe('csv');
    expect(() => guessFormat('a', 'xml')).toThrow(/--format/);
  });

  it('NDJSON: line numbers count blank lines, CRLF and a missing last newline are fine, bad lines carry their error', async () => {
    const records = await read('{"a":1}\r\n\n[1]\nnope\n{"b":2.50}', 'ndjson');
    expect(records.map((r) => [r.line, r.error === undefined])).toEqual([
      [1, true],
      [3, false],
      [4, false],
      [5, true],
    ]);
    expect(records[1]!.error).toBe('expected a JSON object');
    expect(records[2]!.text).toBe('nope');
    expect(String(records[3]!.value!.b)).toBe('2.5');
  });

  it('NDJSON: a chunk of many lines comes a few records at a time, every line in order', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `{"n":${i}}`);
    const input = await openInput('-', Readable.from([Buffer.from(lines.join('\n') + '\n')]), 'ndjson');
    const sizes: number[] = [];
    const seen: unknown[] = [];
    for await (const chunk of input.chunks()) {
      sizes.push(chunk.length);
      for (const r of chunk) seen.push(String(r.value!.n));
    }
    expect(seen).toEqual(lines.map((_, i) => String(i)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64);
  });

  it('CSV: plain rows come a few records at a time too, every row in order', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `c${i},t`);
    const input = await openInput('-', Readable.from([Buffer.from(['customer,type', ...rows].join('\n') + '\n')]), 'csv');
    const sizes: number[] = [];
    const seen: unknown[] = [];
    for await (const chunk of input.chunks()) {
      sizes.push(chunk.length);
      for (const r of chunk) seen.push([r.line, r.value!.customer]);
    }
    expect(seen).toEqual(rows.map((_, i) => [i + 2, `c${i}`]));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64);
  });

  it('NDJSON: one big read is decoded in pieces; a character split between pieces stays whole', async () => {
    // Byte 65,535 is the first byte of an "é": the 64 KiB piece ends inside it.
    const pad = 'x'.repeat(65535 - '{"s":"'.length);
    const lines = [`{"s":"${pad}é"}`, ...Array.from({ length: 3000 }, (_, i) => `{"s":"é${i}"}`)];
    const bytes = Buffer.from(lines.join('\n') + '\n');
    expect(bytes[65535]).toBe(0xc3);
    const records = await read([bytes], 'ndjson');
    expect(records.map((r) => r.value!.s)).toEqual(lines.map((l) => (JSON.parse(l) as { s: string }).s));
    const rows = await read([Buffer.from(['s', ...lines.map((l) => (JSON.parse(l) as { s: string }).s)].join('\n') + '\n')], 'csv');
    expect(rows.map((r) => r.value!.s)).toEqual(lines.map((l) => (JSON.parse(l) as { s: string }).s));
  });

  it('NDJSON: a line split across chunks, and a multi-byte character split across chunks', async () => {
    const bytes = Buffer.from('{"name":"café"}\n{"x":1}\n');
    const at = bytes.indexOf(0xc3) + 1;
    const records = await read([bytes.subarray(0, at), bytes.subarray(at)], 'ndjson');
    expect(records.map((r) => r.value)).toEqual([{ name: 'café' }, expect.objectContaining({})]);
  });

  it('CSV: header row, empty cells left out, a short row and an unclosed quote reported', async () => {
    const records = await read('customer,amount,currency\nacme,10,USD\nbeta,,EUR\nshort,1\ngood,2,USD\n"open,3,USD\n', 'csv');
    expect(records[0]).toMatchObject({ line: 2, value: { customer: 'acme', amount: '10', currency: 'USD' } });
    expect(records[1]!.value).toEqual({ customer: 'beta', currency: 'EUR' });
    expect(records[2]).toMatchObject({ line: 4, text: 'short,1', error: 'expected 3 columns, found 2' });
    expect(records[3]).toMatchObject({ line: 5, value: { customer: 'good' } });
    expect(records[4]!.error).toBeDefined();
  });

  it('CSV: a line with too many fields says how many it has', async () => {
    const records = await read('customer,amount,currency\nacme,10,USD,extra\n', 'csv');
    expect(records[0]).toMatchObject({ line: 2, error: 'expected 3 columns, found 4' });
  });

  it('CSV: line numbers past multi-line records, records split across reads, with or without their text', async () => {
    const bytes = Buffer.from('customer,amount,note\na,1,"two\nlines"\nb,2,x\nd,4\nc,3,z\n"open,5,w\n');
    const chunks = [bytes.subarray(0, 30), bytes.subarray(30, 47), bytes.subarray(47)];
    for (const keepText of [true, false]) {
      const records = await read(chunks, 'csv', keepText);
      expect(records.map((r) => [r.line, r.value?.customer ?? r.error])).toEqual([
        [2, 'a'],
        [4, 'b'],
        [5, 'expected 3 columns, found 2'],
        [6, 'c'],
        [7, expect.stringMatching(/Quote Not Closed/)],
      ]);
      expect(records[0]!.value).toEqual({ customer: 'a', amount: '1', note: 'two\nlines' });
      expect(records.map((r) => r.text)).toEqual(keepText ? ['a,1,"two\nlines"', 'b,2,x', 'd,4', 'c,3,z', '"open,5,w'] : ['', '', '', '', '']);
    }
  });

  it('CSV: an unreadable record comes out in its place in the file, not before the records read with it', async () => {
    // (csv-parse then reports the rest of that record again, as an unclosed quote.)
    const records = await read('customer,amount,note\na,1,x\nb,2,"y"z\n', 'csv');
    expect(records.slice(0, 2).map((r) => [r.line, r.value?.customer ?? r.error])).toEqual([
      [2, 'a'],
      [3, expect.stringMatching(/^Invalid Closing Quote/)],
    ]);
  });

  it('CSV: plain lines read without csv-parse hand over to it, line numbers and texts unchanged, at the first other line', async () => {
    const plain = Array.from({ length: 3000 }, (_, i) => `c${i},${i}.5,row ${i} é`).join('\n');
    const text = `\ufeffcustomer,amount,description\n${plain}\n\n\nc9,"q\nr",x\nc10,1\n${plain}\n`;
    const bytes = Buffer.from(text);
    // Reads that end mid-line and mid-character.
    const chunks = [bytes.subarray(0, 40_001), bytes.subarray(40_001, 90_000), bytes.subarray(90_000)];
    const records = await read(chunks, 'csv', true);
    expect(records).toHaveLength(6002);
    expect(records[2999]).toEqual({ line: 3001, text: 'c2999,2999.5,row 2999 é', value: { customer: 'c2999', amount: '2999.5', description: 'row 2999 é' } });
    // csv-parse's own numbering and text after skipped blank lines: the line after the last record, the blank lines first.
    expect(records[3000]).toEqual({ line: 3002, text: '\n\nc9,"q\nr",x', value: { customer: 'c9', amount: 'q\nr', description: 'x' } });
    expect(records[3001]).toEqual({ line: 3006, text: 'c10,1', error: 'expected 3 columns, found 2' });
    expect(records[6001]).toMatchObject({ line: 6006, text: 'c2999,2999.5,row 2999 é' });
    // A field with a space at its end (trimmed) is csv-parse's to read too, as is a CRLF file.
    expect(await read('a,b\nx ,y\n', 'csv', true)).toEqual([{ line: 2, text: 'x ,y', value: { a: 'x', b: 'y' } }]);
    expect(await read('a,b\r\nx,y\r\n', 'csv', true)).toMatchObject([{ line: 2, value: { a: 'x', b: 'y' } }]);
  });

  it('empty input: no records', async () => {
    expect(await read('', 'ndjson')).toEqual([]);
    expect(await read('', 'csv')).toEqual([]);
  });
});
