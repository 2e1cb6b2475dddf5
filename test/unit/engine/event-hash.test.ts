import { describe, expect, it } from 'vitest';
import { eventHash, eventHashText } from '../../../src/engine/fees/event-hash.js';
import type { EventInput } from '../../../src/engine/fees/event-input.js';
import { canonicalJson, sha256 } from '../../../src/json/canonical.js';
import { LosslessNumber } from '../../../src/json/parse.js';
import { Decimal } from '../../../src/money/decimal.js';

/** The request hash as it was first written: of canonicalJson of the list. */
function listHash(customerId: string, e: EventInput): string {
  const { id, eventType, occurredAt, subject, description, data, costs } = e;
  return sha256(canonicalJson([customerId, id, eventType, occurredAt ?? null, subject, description, data, costs]));
}

function event(parts: Partial<EventInput>): EventInput {
  return {
    fields: undefined as unknown as EventInput['fields'],
    id: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
    eventType: 'response_completed',
    occurredAt: undefined,
    subject: null,
    description: null,
    data: {},
    costs: [],
    costInputs: [],
    customer: undefined,
    ...parts,
  };
}

const deep = (levels: number): unknown => (levels === 0 ? { leaf: new Decimal('1.50') } : [deep(levels - 1)]);

const EVENTS: EventInput[] = [
  event({}),
  event({ id: undefined }),
  event({ occurredAt: '2026-12-05T20:21:48.123Z', subject: 'r1', description: 'a "quoted" \\ text\n' }),
  event({ eventType: 'é😀\u2028\ud800', subject: '\u0000\u001f', description: '</script>' }),
  event({ data: { output_tokens: 250, input_tokens: new Decimal('1000.0'), nested: { b: [1, 'x', { d: 2, c: 1 }], a: 'é' } } }),
  event({ data: { big: new Decimal('123456789012345678901234567890.123456789'), small: new Decimal('1e-30'), n: -0, f: 0.1, s: 9007199254740991 } }),
  event({ data: { lossless: new LosslessNumber('1.50'), none: null, gone: undefined, t: true, list: [undefined, null, false] } }),
  event({ data: { '': 1, B: 2, a: 3, '10': 4, '2': 5, 'é': 6, '__proto__ ': 7 } }),
  event({ costs: [{ vendor_id: 'openai', amount: new Decimal('0.0015'), currency: 'USD' }, { vendor_external_id: 'x"y', amount: '2' }] }),
  event({ costs: ['not', 'objects', 3] }),
  event({ data: { deep: deep(1200) } }),
];

describe('eventHash', () => {
  it('hashes the bytes canonicalJson writes of the listed parts', () => {
    for (const [i, e] of EVENTS.entries()) {
      for (const customer of ['cust_01', 'cust_"é"']) {
        expect(eventHashText(customer, e), `event ${i}`).toBe(canonicalJson([customer, e.id, e.eventType, e.occurredAt ?? null, e.subject, e.description, e.data, e.costs]));
        expect(eventHash(customer, e), `event ${i}`).toBe(listHash(customer, e));
      }
    }
  });

  it('still hashes as the stored rows were hashed', () => {
    const e = event({ occurredAt: '2026-01-01T00:00:00.000Z', subject: 'r1', data: { input_tokens: 10 } });
    expect(eventHash('cust_01', e)).toBe(sha256('["cust_01","a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","response_completed","2026-01-01T00:00:00.000Z","r1",null,{"input_tokens":10},[]]'));
  });
});
