/**
 * Argument checks for the crypto module. Every message names the function, the argument and what
 * to pass instead, because these errors surface in host integrations far from this code.
 */
import { describeValue, isBytes } from '../shared/guards.js';

// The crypto modules import these from here; the one copy lives in shared/guards.
export { isBytes, describeValue as describe };

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
    throw new TypeError(`${fn}: \`${name}\` must be ${expected}${hint}, got ${describeValue(value)}`);
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
