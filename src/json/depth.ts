import { stringEnd } from './scan.js';

/**
 * How deep a JSON document may nest, checked on the text before any parser sees it.
 * Every parser and writer we use recurses (lossless-json, the yaml composer, our own
 * canonical form), so a document nested thousands deep overflows the stack somewhere
 * between acceptance and the next read. 64 is far beyond any document the API
 * describes (event data, metadata, pricing) and far below any stack limit.
 */
export const MAX_JSON_DEPTH = 64;

/** The longest pointer an error quotes: member names are the client's and may be huge. */
const MAX_POINTER_LENGTH = 512;

/** A document nests deeper than allowed; `pointer` (RFC 6901) names the container too deep. */
export class JsonDepthError extends SyntaxError {
  constructor(
    readonly pointer: string,
    readonly maxDepth: number,
  ) {
    super(`JSON nests deeper than ${maxDepth} levels at ${pointer === '' ? 'the top' : pointer}`);
    this.name = 'JsonDepthError';
  }
}

/**
 * Throws JsonDepthError when `text` nests objects and arrays deeper than `maxDepth`.
 * Brackets inside strings do not count. Text that is not JSON passes (its parser will
 * refuse it); the scan only looks at brackets and string boundaries, so it is one cheap
 * pass over the text and allocates nothing on the way.
 */
export function assertJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): void {
  // Fewer opening brackets than the limit in the whole text: nothing to look at.
  if (text.length <= maxDepth * 2) return;
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = stringEnd(text, i);
      if (i < 0) return;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) throw new JsonDepthError(pointerAt(text, i, maxDepth), maxDepth);
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
}

interface Frame {
  array: boolean;
  /** Array: index of the current item. Object: the last member name read. */
  index: number;
  name: string;
}

/**
 * The pointer of the container opened at `position` (the first too deep): the text is
 * scanned again, this time keeping the member names and item indexes on the way. Only an
 * error pays for this.
 */
function pointerAt(text: string, position: number, maxDepth: number): string {
  const frames: Frame[] = [];
  for (let i = 0; i < position; i++) {
    const c = text.charCodeAt(i);
    const top = frames[frames.length - 1];
    if (c === 34) {
      const end = stringEnd(text, i);
      if (top && !top.array && isMemberName(text, end + 1)) top.name = decodeString(text.slice(i, end + 1));
      i = end;
    } else if (c === 123 || c === 91) {
      frames.push({ array: c === 91, index: 0, name: '' });
    } else if (c === 125 || c === 93) {
      frames.pop();
    } else if (c === 44 /* , */ && top?.array) {
      top.index++;
    }
  }
  let pointer = '';
  for (const frame of frames.slice(0, maxDepth)) {
    const token = frame.array ? String(frame.index) : frame.name.replace(/~/g, '~0').replace(/\//g, '~1');
    pointer += `/${token}`;
    if (pointer.length > MAX_POINTER_LENGTH) return `${pointer.slice(0, MAX_POINTER_LENGTH)}…`;
  }
  return pointer;
}

/** Whether the string that ended just before `from` is followed by a colon (a member name). */
function isMemberName(text: string, from: number): boolean {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else return c === 58;
  }
  return false;
}

function decodeString(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}

/**
 * The same limit on a value already parsed (YAML, whose composer we cannot scan ahead
 * of): walked with an explicit stack, so any depth is safe to look at.
 */
export function assertValueDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const stack: { value: unknown; depth: number; path: string[] }[] = [{ value, depth: 0, path: [] }];
  while (stack.length > 0) {
    const { value: current, depth, path } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (!Array.isArray(current) && Object.getPrototypeOf(current) !== Object.prototype && Object.getPrototypeOf(current) !== null) continue;
    if (depth + 1 > maxDepth) {
      const pointer = path.map((token) => `/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
      throw new JsonDepthError(pointer.length > MAX_POINTER_LENGTH ? `${pointer.slice(0, MAX_POINTER_LENGTH)}…` : pointer, maxDepth);
    }
    for (const key of Object.keys(current)) {
      stack.push({ value: (current as Record<string, unknown>)[key], depth: depth + 1, path: [...path, key] });
    }
  }
}
