/** KeySchedule for base mode (RFC 9180 §5.1) and the secret export interface (§5.3). */
import { concatBytes } from '../shared/bytes.js';
import type { AeadParams } from './hpke-aead.js';
import { hpkeSuiteId, labeledExpand, labeledExtract, MAX_EXPAND, NH } from './hpke-labeled.js';

/** mode_base of RFC 9180 §5.1. */
const MODE_BASE = 0x00;

/** Everything KeySchedule derives; the intermediates are kept so tests can check each one. */
export interface KeySchedule {
  readonly keyScheduleContext: Uint8Array;
  readonly secret: Uint8Array;
  /** Empty for export-only contexts. */
  readonly key: Uint8Array;
  /** Empty for export-only contexts. */
  readonly baseNonce: Uint8Array;
  readonly exporterSecret: Uint8Array;
}

/**
 * KeySchedule(mode_base, shared_secret, info, psk = "", psk_id = ""). Base mode has no PSK, so
 * VerifyPSKInputs holds trivially.
 */
export function keyScheduleBase(sharedSecret: Uint8Array, info: Uint8Array, aead: AeadParams): KeySchedule {
  const suiteId = hpkeSuiteId(aead.id);
  const empty = new Uint8Array(0);
  const pskIdHash = labeledExtract(suiteId, empty, 'psk_id_hash', empty);
  const infoHash = labeledExtract(suiteId, empty, 'info_hash', info);
  const keyScheduleContext = concatBytes(Uint8Array.of(MODE_BASE), pskIdHash, infoHash);
  const secret = labeledExtract(suiteId, sharedSecret, 'secret', empty);
  // Export-only has Nk = Nn = 0; the RFC's vectors give empty key and base_nonce for it.
  const key = aead.nk ? labeledExpand(suiteId, secret, 'key', keyScheduleContext, aead.nk) : empty;
  const baseNonce = aead.nn ? labeledExpand(suiteId, secret, 'base_nonce', keyScheduleContext, aead.nn) : empty;
  const exporterSecret = labeledExpand(suiteId, secret, 'exp', keyScheduleContext, NH);
  return { keyScheduleContext, secret, key, baseNonce, exporterSecret };
}

/**
 * Context.Export(exporter_context, L) = LabeledExpand(exporter_secret, "sec", exporter_context, L).
 * @throws RangeError when L is not an integer from 0 to 255·Nh.
 */
export function exportSecret(
  exporterSecret: Uint8Array,
  aead: AeadParams,
  exporterContext: Uint8Array,
  length: number,
  fn: string,
): Uint8Array {
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > MAX_EXPAND) {
    throw new RangeError(`${fn}: \`L\` must be an integer number of bytes from 0 to ${MAX_EXPAND}, got ${String(length)}`);
  }
  return labeledExpand(hpkeSuiteId(aead.id), exporterSecret, 'sec', exporterContext, length);
}
