/**
 * The plaintext inside the `sealed` part: one CBOR map (RFC 8949, deterministic encoding §4.2.1)
 * with exactly three entries, so any CBOR library splits it:
 *
 *   { "v": 2, "payload": <byte string>, "evidence": <byte string: UTF-8 JSON> }
 *
 * The payload is the clip (clip mode); the evidence is the per-frame trace and, later, the other
 * per-frame liveness evidence. Both travel inside the seal, so proxies and logs never see them.
 */
import { decode, encode, rfc8949EncodeOptions } from 'cborg';
import { isBytes, isRecord } from './guards.js';
import { FORMAT_VERSION } from './version.js';

/** The two byte strings the container carries. */
export interface SealedContents {
  payload: Uint8Array;
  /** UTF-8 JSON of the evidence. */
  evidence: Uint8Array;
}

const KEYS = ['evidence', 'payload', 'v'];

/** Encodes the container (deterministic CBOR). */
export function encodeSealedContents(contents: SealedContents): Uint8Array {
  return encode({ v: FORMAT_VERSION, payload: contents.payload, evidence: contents.evidence }, rfc8949EncodeOptions);
}

/**
 * Decodes the container, strictly: a definite-length map of exactly `v`, `payload` and `evidence`,
 * no duplicate keys, no tags, integers in their shortest form.
 * @throws TypeError naming what is wrong.
 */
export function decodeSealedContents(bytes: Uint8Array): SealedContents {
  let value: unknown;
  try {
    value = decode(bytes, { strict: true, allowIndefinite: false, allowUndefined: false, rejectDuplicateMapKeys: true, allowBigInt: false, tags: [] });
  } catch (cause) {
    throw new TypeError(`sealed contents: not one well-formed CBOR item (${(cause as Error).message})`, { cause });
  }
  if (!isRecord(value)) throw new TypeError('sealed contents: must be a CBOR map');
  const keys = Object.keys(value).sort();
  if (keys.length !== KEYS.length || keys.some((k, i) => k !== KEYS[i])) {
    throw new TypeError(`sealed contents: the map must have exactly the keys v, payload, evidence; got ${keys.slice(0, 8).join(', ')}`);
  }
  if (value['v'] !== FORMAT_VERSION) throw new TypeError(`sealed contents: v must be ${FORMAT_VERSION}`);
  const { payload, evidence } = value;
  if (!isBytes(payload) || !isBytes(evidence)) throw new TypeError('sealed contents: payload and evidence must be CBOR byte strings');
  return { payload, evidence };
}
