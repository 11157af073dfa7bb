/**
 * The embedding mode's payload: the face template, 128 IEEE-754 float32 numbers in little-endian
 * order (512 bytes), of unit Euclidean length; nothing else. The widget seals it where clip mode
 * seals the clip; the server refuses anything that is not exactly this.
 */

/** Numbers in a template. */
export const TEMPLATE_DIMENSIONS = 128;
/** Bytes of an encoded template. */
export const TEMPLATE_BYTES = TEMPLATE_DIMENSIONS * 4;
/** The `payload.type` of a template (attestation claim and stored row). */
export const TEMPLATE_MEDIA_TYPE = 'application/vnd.face-verify.template-v1';
/**
 * How far from 1 the length may be: float32 rounding of a unit vector stays within 1e-6; 1e-3
 * refuses anything not normalised while leaving room for another language's float arithmetic.
 */
export const TEMPLATE_NORM_TOLERANCE = 1e-3;

/** The 512 payload bytes of a template. */
export function encodeTemplate(template: ArrayLike<number>): Uint8Array {
  if (template.length !== TEMPLATE_DIMENSIONS) throw new TypeError(`template: has ${template.length} numbers, must have ${TEMPLATE_DIMENSIONS}`);
  const bytes = new Uint8Array(TEMPLATE_BYTES);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < TEMPLATE_DIMENSIONS; i++) view.setFloat32(i * 4, template[i]!, true);
  return bytes;
}

/**
 * Reads and checks a template payload.
 * @throws TypeError naming what is wrong: the length, a number that is not finite, the norm.
 */
export function decodeTemplate(bytes: Uint8Array): Float32Array {
  if (bytes.length !== TEMPLATE_BYTES) throw new TypeError(`template: is ${bytes.length} bytes, must be exactly ${TEMPLATE_BYTES} (${TEMPLATE_DIMENSIONS} little-endian float32)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const template = new Float32Array(TEMPLATE_DIMENSIONS);
  let sum = 0;
  for (let i = 0; i < TEMPLATE_DIMENSIONS; i++) {
    const v = view.getFloat32(i * 4, true);
    if (!Number.isFinite(v)) throw new TypeError(`template: number ${i} is ${v}, every number must be finite`);
    template[i] = v;
    sum += v * v;
  }
  const norm = Math.sqrt(sum);
  if (Math.abs(norm - 1) > TEMPLATE_NORM_TOLERANCE) throw new TypeError(`template: its Euclidean length is ${norm.toFixed(6)}, must be 1 ± ${TEMPLATE_NORM_TOLERANCE}`);
  return template;
}
