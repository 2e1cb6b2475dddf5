import { InvalidArgumentError } from 'commander';
import { LosslessNumber } from '../../json/parse.js';
import { UsageError } from '../../errors.js';
import { ownMember, setMember } from '../../json/own-member.js';

/** One `-f key=value` as typed: the key path (`metadata[plan]` → metadata, plan) and text. */
export interface RawField {
  path: string[];
  text: string;
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** commander parser of `-f key=value` (repeatable); `a[b]=c` nests, `a[]=c` appends. */
export function fieldArg(value: string, previous: RawField[] = []): RawField[] {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`"${value}" must look like key=value.`);
  const key = value.slice(0, at);
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) throw new InvalidArgumentError(`"${key}" is not a key: use name, name[sub] or name[].`);
  const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
  return [...previous, { path, text: value.slice(at + 1) }];
}

/**
 * A value typed the way a person means it: JSON numbers stay exact decimals (never a
 * float), `true`, `false` and `null` are literals, anything else is a string.
 */
export function typedValue(text: string): unknown {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (JSON_NUMBER.test(text)) return new LosslessNumber(text);
  return text;
}

/** The fields as a JSON object (for POST, PATCH and PUT). */
export function fieldsToBody(fields: RawField[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { path, text } of fields) {
    let node: Record<string, unknown> | unknown[] = body;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      const last = i === path.length - 1;
      const nextIsAppend = !last && path[i + 1] === '';
      if (Array.isArray(node)) {
        if (key !== '') throw new UsageError(`-f ${path.join('.')}: cannot mix [] and [name] at the same level.`);
        if (last) node.push(typedValue(text));
        else {
          const child = nextIsAppend ? [] : {};
          node.push(child);
          node = child;
        }
        continue;
      }
      if (key === '') throw new UsageError(`-f: [] must follow a name (e.g. tags[]=a).`);
      if (last) {
        setMember(node, key, typedValue(text));
      } else {
        // Own members only: `-f __proto__[x]=1` must not reach Object.prototype.
        let existing = ownMember(node, key);
        if (existing === undefined) setMember(node, key, (existing = nextIsAppend ? [] : {}));
        else if (typeof existing !== 'object' || existing === null || existing instanceof LosslessNumber) {
          throw new UsageError(`-f ${key} is given both as a value and as an object.`);
        }
        node = existing as Record<string, unknown> | unknown[];
      }
    }
  }
  return body;
}

/** The fields as query parameters (for GET and DELETE); values are sent as typed. */
export function fieldsToQuery(fields: RawField[]): [string, string][] {
  return fields.map(({ path, text }) => [path[0] + path.slice(1).map((p) => `[${p}]`).join(''), text]);
}
