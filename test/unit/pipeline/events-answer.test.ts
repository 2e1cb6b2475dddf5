import { describe, expect, it } from 'vitest';
import { scanEventsAnswer } from '../../../src/json/events-answer.js';
import { parseJsonLossless } from '../../../src/json/parse.js';
import { stringifyJson } from '../../../src/json/write.js';
import { ResultSink } from '../../../src/pipeline/results.js';

const FEE = '{"product_id":"prod_1","product_code":"chat_api","product_version":1,"price_name":"input","asset":"USD","amount":0.00120000000000000000001,"account_id":"default:USD","dimensions":{"model":"x"},"quantity":1.0E3}';
const ANSWER = `{"events":[{"id":"a1","status":"accepted","fees":[${FEE},${FEE}]},{"id":"a2","status":"duplicate","fees":[]},{"status":"conflict","id":"a3"},{"id":"a4","status":"accepted","fees":null,"extra":{"k":[1,"]}"]}}],"next":null}`;

describe('scanEventsAnswer', () => {
  it('ids, statuses and the fees text as the server wrote it, every digit kept', () => {
    const scan = scanEventsAnswer(ANSWER, true)!;
    expect(scan.ids).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(scan.statuses).toEqual(['accepted', 'duplicate', 'conflict', 'accepted']);
    expect(scan.fees).toEqual([`[${FEE},${FEE}]`, '[]', '[]', '[]']);
    // The -o jsonl line made from the text equals the one made from the exact parse.
    const full = (parseJsonLossless(ANSWER) as { events: { id: string; status: 'accepted'; fees?: unknown }[] }).events;
    for (const [i, event] of full.entries()) {
      if (event.status !== 'accepted' && event.status !== 'duplicate') continue;
      const lines: string[] = [];
      const sink = new ResultSink({ jsonl: { write: (s: string) => lines.push(s) }, source: 't' });
      sink.recordOk(0, 7, scan.ids[i]!, scan.statuses[i] as 'accepted', undefined, `"fees":${scan.fees[i]}`);
      expect(lines[0]).toBe(stringifyJson({ line: 7, ok: true, id: event.id, status: event.status, fees: event.fees ?? [] }) + '\n');
    }
  });

  it('whether each event was billed: fees with items, [] (matched no price), or nothing said (absent or null)', () => {
    expect(scanEventsAnswer(ANSWER, true)!.billed).toEqual([true, false, undefined, undefined]);
    expect(scanEventsAnswer(ANSWER, false)!.billed).toEqual([true, false, undefined, undefined]);
    const pretty = JSON.stringify(JSON.parse(ANSWER), null, 2);
    expect(scanEventsAnswer(pretty, false)!.billed).toEqual([true, false, undefined, undefined]);
  });

  it('the minimal answer (Prefer: return=minimal) says billed without fees; it stands for fees only when none are wanted', () => {
    const minimal = '{"events":[{"id":"a1","status":"accepted","billed":true},{"id":"a2","status":"duplicate","billed":false},{"id":"a3","status":"conflict","billed":false}]}';
    const scan = scanEventsAnswer(minimal, false)!;
    expect(scan.ids).toEqual(['a1', 'a2', 'a3']);
    expect(scan.statuses).toEqual(['accepted', 'duplicate', 'conflict']);
    expect(scan.billed).toEqual([true, false, false]);
    expect(scanEventsAnswer(JSON.stringify(JSON.parse(minimal), null, 1), false)!.billed).toEqual([true, false, false]);
    // With fees wanted, `billed` is a member like any other: it says nothing of the fees.
    expect(scanEventsAnswer(minimal, true)!.billed).toEqual([undefined, undefined, undefined]);
    for (const text of [
      '{"events":[{"id":"a","status":"accepted","billed":"yes"}]}',
      '{"events":[{"id":"a","status":"accepted","billed":tru}]}',
      '{"events":[{"id":"a","status":"accepted","billed":true,"fees":[]}]}',
    ]) {
      expect(scanEventsAnswer(text, false), text).toBeUndefined();
    }
  });

  it('whitespace is fine when only statuses are wanted; fee text that would print otherwise is left to the full parse', () => {
    const pretty = JSON.stringify(JSON.parse(ANSWER), null, 2);
    expect(scanEventsAnswer(pretty, false)?.statuses).toEqual(['accepted', 'duplicate', 'conflict', 'accepted']);
    expect(scanEventsAnswer(pretty, true)).toBeUndefined();
    expect(scanEventsAnswer('{"events":[{"id":"a","status":"accepted","fees":[{"d":"caf\\u00e9"}]}]}', true)).toBeUndefined();
    expect(scanEventsAnswer('{"events":[{"id":"a","status":"accepted","fees":[{"d":"caf\\u00e9"}]}]}', false)?.ids).toEqual(['a']);
  });

  it('anything unexpected is left to the full parse', () => {
    for (const text of [
      '',
      'nope',
      '{"events":{}}',
      '{"events":[{"id":"a","status":"accepted"}',
      '{"events":[{"id":"a","status":"accepted"}]} x',
      '{"events":[{"id":"a\\"b","status":"accepted"}]}',
      '{"events":[{"id":1,"status":"accepted"}]}',
      '{"events":[{"id":"a","id":"b","status":"accepted"}]}',
      '{"events":[{"status":"accepted"}]}',
      '{"events":[1]}',
      '{"events":[],"events":[]}',
      '{"other":1}',
      '{"events":[{"id":"a","status":"accepted","fees":[{"x":"]"}]]}',
    ]) {
      expect(scanEventsAnswer(text, true), text).toBeUndefined();
    }
    expect(scanEventsAnswer('{"events":[]}', true)).toEqual({ ids: [], statuses: [], fees: [], billed: [] });
    expect(scanEventsAnswer(' { "events" : [ { "id" : "a" , "status" : "accepted" } ] } ', false)?.ids).toEqual(['a']);
  });
});
