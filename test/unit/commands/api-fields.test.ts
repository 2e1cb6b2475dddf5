import { describe, expect, it } from 'vitest';
import { fieldArg, fieldsToBody, fieldsToQuery, typedValue } from '../../../src/commands/api/fields.js';
import { stringifyJson } from '../../../src/json/write.js';

const fields = (...args: string[]) => args.reduce((acc, a) => fieldArg(a, acc), [] as ReturnType<typeof fieldArg>);

describe('credyt api -f', () => {
  it('types values: exact numbers, literals, strings', () => {
    expect(stringifyJson(typedValue('0.1000000000000000000000001'))).toBe('0.1000000000000000000000001');
    expect(typedValue('true')).toBe(true);
    expect(typedValue('null')).toBe(null);
    expect(typedValue('007')).toBe('007');
    expect(typedValue('USD')).toBe('USD');
  });

  it('builds a nested JSON body', () => {
    const body = fieldsToBody(fields('name=Acme AI', 'amount=14.566678', 'metadata[plan]=pro', 'tags[]=a', 'tags[]=b'));
    expect(stringifyJson(body)).toBe('{"name":"Acme AI","amount":14.566678,"metadata":{"plan":"pro"},"tags":["a","b"]}');
  });

  it('builds a query string for GET', () => {
    expect(fieldsToQuery(fields('limit=5', 'external_id=acme'))).toEqual([['limit', '5'], ['external_id', 'acme']]);
  });

  it('refuses malformed fields', () => {
    expect(() => fields('noequals')).toThrow(/key=value/);
    expect(() => fieldsToBody(fields('a=1', 'a[b]=2'))).toThrow(/both as a value and as an object/);
  });
});
