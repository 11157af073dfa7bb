/** Per-message nonces of an HPKE context (RFC 9180 §5.2). */

/**
 * The first sequence number a context must refuse. RFC 9180 stops at 2^(8·Nn) − 1; for the 12-byte
 * nonces here that is 2^96 − 1, beyond what a JS number counts exactly, so the limit is capped at
 * Number.MAX_SAFE_INTEGER — still far more messages than any context will carry.
 */
export function sequenceLimit(nn: number): number {
  return nn >= 7 ? Number.MAX_SAFE_INTEGER : 2 ** (8 * nn) - 1;
}

/**
 * Refuses a sequence number that would reuse or wrap a nonce.
 * @throws RangeError naming the function, when `seq` has reached the limit.
 */
export function assertSequenceAvailable(seq: number, nn: number, fn: string): void {
  if (seq >= sequenceLimit(nn)) {
    throw new RangeError(
      `${fn}: this context has reached its message limit (${sequenceLimit(nn)}); set up a new context`,
    );
  }
}

/** ComputeNonce(seq) = base_nonce XOR I2OSP(seq, Nn), for 0 ≤ seq ≤ Number.MAX_SAFE_INTEGER. */
export function computeNonce(baseNonce: Uint8Array, seq: number): Uint8Array {
  const nonce = Uint8Array.from(baseNonce);
  let rest = seq;
  for (let i = nonce.length - 1; i >= 0 && rest > 0; i--) {
    nonce[i] ^= rest % 256;
    rest = Math.floor(rest / 256);
  }
  return nonce;
}
