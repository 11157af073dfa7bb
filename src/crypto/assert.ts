/**
 * Argument checks for the crypto module. Every message names the function, the argument and what
 * to pass instead, because these errors surface in host integrations far from this code.
 */

/**
 * True for a Uint8Array, including Node Buffers and arrays from another realm (a worker, an iframe),
 * where `instanceof` alone would say no.
 */
export function isBytes(value: unknown): value is Uint8Array {
  return (
    value instanceof Uint8Array ||
    (ArrayBuffer.isView(value) && value.constructor?.name === 'Uint8Array' && 'BYTES_PER_ELEMENT' in value)
  );
}

/** Describes a wrong value briefly, for error messages (never prints the value: it may be a key). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer (wrap it: new Uint8Array(buffer))';
  return typeof value;
}

/**
 * Asserts `value` is a Uint8Array, of exactly `length` bytes when given.
 * @throws TypeError when it is not a Uint8Array; RangeError when its length is wrong.
 */
export function assertBytes(
  value: unknown,
  fn: string,
  name: string,
  length?: number,
  what?: string,
): asserts value is Uint8Array {
  const expected = length === undefined ? 'a Uint8Array' : `a Uint8Array of ${length} bytes`;
  const hint = what ? ` (${what})` : '';
  if (!isBytes(value)) {
    throw new TypeError(`${fn}: \`${name}\` must be ${expected}${hint}, got ${describe(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${fn}: \`${name}\` must be ${expected}${hint}, got ${value.length} bytes`);
  }
}

/**
 * Returns `aad` as bytes: an omitted aad is the empty string, as in RFC 9180's examples.
 * @throws TypeError when `aad` is given but is not a Uint8Array.
 */
export function optionalAad(aad: unknown, fn: string): Uint8Array {
  if (aad === undefined) return new Uint8Array(0);
  assertBytes(aad, fn, 'aad', undefined, 'omit it or pass new Uint8Array(0) for none');
  return aad;
}
