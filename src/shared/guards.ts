/**
 * Type guards and error-message helpers used on both sides (widget and server). One copy, so a
 * check that works on a worker's or another realm's values works everywhere.
 */

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (value instanceof ArrayBuffer) return 'an ArrayBuffer (wrap it: new Uint8Array(buffer))';
  return typeof value;
}

/** The message of a caught error, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
