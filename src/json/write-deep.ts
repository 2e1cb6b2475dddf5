/**
 * What a JSON writer makes of one value: a leaf's text (undefined: no JSON form, so the
 * member is left out, or `null` in an array), or a container's parts.
 */
export type JsonShape =
  | { leaf: string | undefined }
  | { items: readonly unknown[] }
  | { members: readonly (readonly [string, unknown])[] };

interface Frame {
  array: boolean;
  parts: readonly unknown[] | readonly (readonly [string, unknown])[];
  next: number;
  wrote: boolean;
}

/**
 * Writes JSON with an explicit stack instead of recursion, so any depth is safe: the
 * fallback of our recursive writers (stringifyJson, canonicalJson) for a value nested
 * deeper than they recurse. `shape` decides what each value is, so each writer keeps its
 * own rules (key order, number forms) and the output is the same text the recursive
 * writer would give. `indent` as JSON.stringify's `space`; `base`, the indentation of the
 * line `root` starts on (a subtree handed over by an indenting writer).
 */
export function writeJsonIteratively(
  root: unknown,
  shape: (value: unknown) => JsonShape,
  indent = '',
  base = '',
): string | undefined {
  const first = shape(root);
  if ('leaf' in first) return first.leaf;
  const stack: Frame[] = [];
  let out = '';
  const open = (s: { items: readonly unknown[] } | { members: readonly (readonly [string, unknown])[] }) => {
    const array = 'items' in s;
    out += array ? '[' : '{';
    stack.push({ array, parts: array ? s.items : s.members, next: 0, wrote: false });
  };
  open(first);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next === frame.parts.length) {
      stack.pop();
      if (indent !== '') {
        if (frame.wrote) out += `\n${base}${indent.repeat(stack.length)}`;
        // An object whose members all had no JSON form: written as stringifyJson always
        // has (lossless-json's `{`, newline, newline, `}`), not as `{}`.
        else if (!frame.array && frame.parts.length > 0) out += `\n\n${base}${indent.repeat(stack.length)}`;
      }
      out += frame.array ? ']' : '}';
      continue;
    }
    const part = frame.parts[frame.next++];
    const [name, value] = frame.array ? [undefined, part] : (part as readonly [string, unknown]);
    const s = shape(value);
    let leaf: string | undefined;
    if ('leaf' in s) {
      leaf = s.leaf;
      if (leaf === undefined) {
        if (!frame.array) continue;
        leaf = 'null';
      }
    }
    if (frame.wrote) out += ',';
    if (indent !== '') out += `\n${base}${indent.repeat(stack.length)}`;
    if (name !== undefined) out += `${JSON.stringify(name)}${indent === '' ? ':' : ': '}`;
    frame.wrote = true;
    if (leaf !== undefined) out += leaf;
    else open(s as Exclude<JsonShape, { leaf: string | undefined }>);
  }
  return out;
}

/** How deep our recursive writers go before they hand a subtree to writeJsonIteratively. */
export const RECURSION_LIMIT = 200;
