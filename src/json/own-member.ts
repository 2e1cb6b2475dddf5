/**
 * Sets `target[key]` as an own, enumerable data member, `__proto__` included: plain
 * assignment of `__proto__` changes the object's prototype instead, so the member would
 * silently vanish (and two different requests could hash alike). JSON.parse and
 * lossless-json already keep it as data; this is for the objects we build from input.
 */
export function setMember(target: object, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    (target as Record<string, unknown>)[key] = value;
  }
}

/** `target[key]` only when it is the object's own member (`constructor` is not inherited in). */
export function ownMember(target: object, key: string): unknown {
  return Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
}
