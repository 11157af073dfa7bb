/**
 * The evidence sealed beside the payload: what the widget observed while recording, for the
 * server to re-check — the per-frame trace, what the liveness script made the widget show and when,
 * and the injection signals it measured. Readers ignore members they do not know.
 */
import { isRecord } from './guards.js';
import type { LivenessReport } from './liveness-script.js';
import type { SignalReport } from './signals.js';
import type { TemplateEvidence } from './template-binding.js';
import type { CaptureTrace } from './trace.js';

/** Largest evidence accepted, in bytes of UTF-8 JSON (a full 600 × 32 trace needs under 200 KiB). */
export const EVIDENCE_MAX_BYTES = 256 * 1024;

export interface Evidence {
  v: 2;
  trace: CaptureTrace;
  /** When each colour and prompt of the challenge's liveness script was shown (README "Liveness report"). */
  liveness: LivenessReport;
  /** What the widget measured about the camera and its picture (README "Injection signals"). */
  signals: SignalReport;
  /** Embedding mode only: the frames the template was made from (README "Template"). */
  template?: TemplateEvidence;
}

/** UTF-8 JSON of the evidence, the bytes that are sealed and hashed. */
export function encodeEvidence(evidence: Evidence): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(evidence));
}

/**
 * Parses evidence bytes and checks its envelope (the trace, report and signals inside are checked by
 * their own rules).
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
  for (const member of ['trace', 'liveness', 'signals'] as const) {
    if (!isRecord(value[member])) throw new TypeError(`evidence.${member}: must be an object`);
  }
  return value as unknown as Evidence;
}
