/**
 * The evidence sealed beside the payload: what the widget observed while recording, for the
 * server to re-check. Today the per-frame trace; later issues add members (action boundaries,
 * colour samples, injection signals) — readers ignore members they do not know.
 */
import { isRecord } from './guards.js';
import type { CaptureTrace } from './trace.js';

/** Largest evidence accepted, in bytes of UTF-8 JSON (a full 600 × 32 trace needs under 200 KiB). */
export const EVIDENCE_MAX_BYTES = 256 * 1024;

export interface Evidence {
  v: 2;
  trace: CaptureTrace;
}

/** UTF-8 JSON of the evidence, the bytes that are sealed and hashed. */
export function encodeEvidence(evidence: Evidence): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(evidence));
}

/**
 * Parses evidence bytes and checks its envelope (the trace inside is checked by its own rules).
 * @throws TypeError naming every problem found.
 */
export function decodeEvidence(bytes: Uint8Array): Evidence {
  if (bytes.length > EVIDENCE_MAX_BYTES) throw new TypeError(`evidence: ${bytes.length} bytes is over the ${EVIDENCE_MAX_BYTES}-byte limit`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new TypeError('evidence: must be UTF-8 JSON', { cause });
  }
  if (!isRecord(value)) throw new TypeError('evidence: must be a JSON object');
  if (value['v'] !== 2) throw new TypeError('evidence.v: must be 2');
  // The trace's own rules are the trace check's (trace-invalid), not the container's.
  if (!isRecord(value['trace'])) throw new TypeError('evidence.trace: must be an object');
  return value as unknown as Evidence;
}
