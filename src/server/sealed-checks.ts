/**
 * The checks of the sealed part, once its bytes are read: its hash and key, opening it, the evidence,
 * the server's own liveness decision on the trace, and the payload (a clip, or a template bound to
 * good frames of that trace).
 */
import { open } from '../crypto/hpke.js';
import { decodeEvidence } from '../shared/evidence.js';
import { decideLiveness } from '../liveness/decide.js';
import { framesOfTrace } from '../liveness/frames.js';
import type { VerificationMode } from '../shared/manifest.js';
import { decodeSealedContents, type SealedContents } from '../shared/sealed-container.js';
import { sealInfo } from '../shared/seal-info.js';
import { TEMPLATE_BYTES, TEMPLATE_DIMENSIONS, TEMPLATE_MEDIA_TYPE, TEMPLATE_NORM_TOLERANCE } from '../shared/face-template.js';
import { templateBindingProblems, TEMPLATE_FRAME_RULES } from '../shared/template-binding.js';
import { checkBound, checkPayloadContent, checkSealedKey, checkSealedPart, checkTracePlausible } from './checks.js';
import { sha256Base64UrlNode as sha256b64u } from './digest.js';
import { fail, serverError } from './fail.js';
import type { Check, Verification } from './verification.js';

export const sealedPart: Check = {
  id: 'sealed-part',
  phase: 'sealed',
  summary: 'the sealed part is at most `maxSealedBytes`, its SHA-256 and size equal the `sealed` claim, and `sealed.suite` is the one suite',
  codes: ['blob-too-large', 'blob-hash-mismatch', 'seal-open-failed'],
  run(v) {
    checkSealedPart(v.claims!, v.sealed!.length, () => sha256b64u(v.sealed!), v.o.maxSealedBytes);
  },
};

export const sealedKey: Check = {
  id: 'sealed-key',
  phase: 'sealed',
  summary: "`sealed.kid` is exactly the challenge's `opk.kid`, and that key is still in the server's ring",
  codes: ['key-mismatch', 'key-unknown'],
  run(v) {
    v.kid = checkSealedKey(v.claims!, v.challenge!, v.o.ring);
  },
};

export const openSealed: Check = {
  id: 'open',
  phase: 'sealed',
  summary: 'HPKE base mode opens it with that key, the `info` of the session and challenge, and empty aad; the plaintext is the CBOR container',
  codes: ['seal-open-failed', 'container-invalid'],
  run(v) {
    const c = v.challenge!;
    v.contents = openContainer(v.o.ring.get(v.kid!)!.secretKey, c.mode, c.sid, v.claims!.challenge, v.sealed!,
      'sealed part: could not be opened for this session; it was sealed to another key, session or challenge, or altered');
  },
};

export const evidence: Check = {
  id: 'evidence',
  phase: 'sealed',
  summary: "the evidence's SHA-256 and size equal the `evidence` claim; it is evidence JSON v2 whose trace is plausible for the clip (README \"Trace\")",
  codes: ['evidence-invalid', 'trace-invalid'],
  run(v) {
    const bytes = v.contents!.evidence;
    checkBound('evidence', v.claims!.evidence, bytes, sha256b64u(bytes));
    try {
      v.evidence = decodeEvidence(bytes);
    } catch (error) {
      fail('evidence-invalid', `evidence: ${(error as Error).message}`, error);
    }
    checkTracePlausible(v.evidence.trace, v.claims!.capture.frames, v.claims!.capture.durationMs);
  },
};

export const liveness: Check = {
  id: 'liveness',
  phase: 'sealed',
  summary: "the liveness decision, re-run on the trace with the server's thresholds and signal policy (README \"Liveness decision\"), is not `failed`: the report follows the challenge's script, the head held still while the colours were shown, the skin followed the colours in order, and every action was done in order, within its limit, back to neutral",
  codes: ['liveness-failed'],
  run(v) {
    const { o, challenge: c, evidence: e, claims } = v as Required<Verification>;
    // An identical retry was judged when it was stored; it is answered with that decision.
    if (v.retryOf) {
      v.decision = v.retryOf.liveness;
      return;
    }
    const decision = decideLiveness({
      script: c.liveness, report: e.liveness, frames: framesOfTrace(e.trace), signals: e.signals,
      durationMs: claims.capture.durationMs, thresholds: o.liveness.thresholds, policy: o.liveness.policy,
    });
    if (decision.level === 'failed') {
      const summary = decision.reasons.slice(0, 4).map((r) => `${r.code}: ${r.message}`).join('; ');
      throw serverError('liveness-failed', `liveness: ${summary}${decision.reasons.length > 4 ? `; and ${decision.reasons.length - 4} more` : ''}`, undefined, decision.reasons.map((r) => r.code));
    }
    v.decision = decision;
  },
};

export const payload: Check = {
  id: 'payload',
  phase: 'sealed',
  summary: "the payload's SHA-256 and size equal the `payload` claim, and it is a WebM or MP4 clip of the `payload.type` it claims",
  codes: ['payload-invalid'],
  run(v) {
    const bytes = v.contents!.payload;
    checkBound('payload', v.claims!.payload, bytes, sha256b64u(bytes));
    v.template = checkPayloadContent(v.challenge!.mode, v.claims!.payload.type, bytes);
  },
};

export const templatePayload: Check = {
  id: 'payload',
  phase: 'sealed',
  summary: `the payload's SHA-256 and size equal the \`payload\` claim, \`payload.type\` is exactly \`${TEMPLATE_MEDIA_TYPE}\`, and it is a template: ${TEMPLATE_BYTES} bytes, ${TEMPLATE_DIMENSIONS} finite little-endian float32 of Euclidean length 1 ± ${TEMPLATE_NORM_TOLERANCE}`,
  codes: ['payload-invalid'],
  run: payload.run,
};

export const templateBinding: Check = {
  id: 'template-frames',
  phase: 'sealed',
  summary: `the evidence's \`template.frames\` names ${TEMPLATE_FRAME_RULES.minFrames}…${TEMPLATE_FRAME_RULES.maxFrames} trace times, strictly increasing, each a row with exactly one face, |yaw| ≤ ${TEMPLATE_FRAME_RULES.maxYawDeg}°, |pitch| ≤ ${TEMPLATE_FRAME_RULES.maxPitchDeg}° and both blink scores under ${TEMPLATE_FRAME_RULES.maxBlink}`,
  codes: ['evidence-invalid'],
  run(v) {
    const problems = templateBindingProblems(v.evidence!.template, v.evidence!.trace);
    if (problems.length) fail('evidence-invalid', problems.join('; '));
  },
};

/** Opens a sealed part and splits its container. */
export function openContainer(secretKey: Uint8Array, mode: VerificationMode, sid: string, challengeToken: string, sealed: Uint8Array, message: string): SealedContents {
  let plaintext: Uint8Array;
  try {
    plaintext = open(secretKey, sealInfo(mode, sid, challengeToken), sealed);
  } catch (error) {
    fail('seal-open-failed', message, error);
  }
  try {
    return decodeSealedContents(plaintext);
  } catch (error) {
    fail('container-invalid', (error as Error).message, error);
  }
}

