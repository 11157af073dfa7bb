/**
 * The verification pipeline: one ordered list of checks per mode, each with the error codes it can
 * throw. `verifySubmission` runs it; README's "Verification order" is held to it by a unit test, so
 * the order is written down once, here. Checks of the `attestation` phase need only the attestation
 * and run before the sealed part is read from the network; the `sealed` phase needs its bytes.
 */
import { open } from '../crypto/hpke.js';
import type { ServerErrorCode } from '../shared/errors.js';
import { decodeEvidence, type Evidence } from '../shared/evidence.js';
import { decideLiveness } from '../liveness/decide.js';
import { framesOfTrace } from '../liveness/frames.js';
import type { LivenessDecision } from '../shared/liveness-decision.js';
import type { VerificationMode } from '../shared/manifest.js';
import { decodeSealedContents, type SealedContents } from '../shared/sealed-container.js';
import { sealInfo } from '../shared/seal-info.js';
import type { AttestationClaims, ChallengeClaims, ConsentReceipt, SubmissionReceipt } from '../shared/wire.js';
import { attestationKeyThumbprint, decodeAttestationHeader, verifyAttestationSignature, type AttestationHeader } from './attestation.js';
import {
  checkBound,
  checkClaimShape,
  checkClaimsMatch,
  checkConsent,
  checkPayloadContent,
  checkSealedKey,
  checkSealedPart,
  checkTracePlausible,
} from './checks.js';
import type { SqlDatabase } from './database.js';
import { sha256Base64UrlNode as sha256b64u } from './digest.js';
import { fail, serverError } from './fail.js';
import { randomId } from './ids.js';
import type { ResolvedOptions } from './options.js';
import { receiptOf } from './rows.js';
import { findBySession, isNonceSpent, metaRowOf, storeSubmission, type NewSubmission, type SubmissionMetaRow } from './store.js';
import { checkTiming } from './timing.js';
import { verifyChallengeToken } from './tokens.js';
import { TEMPLATE_BYTES, TEMPLATE_DIMENSIONS, TEMPLATE_MEDIA_TYPE, TEMPLATE_NORM_TOLERANCE } from '../shared/face-template.js';
import { templateBindingProblems, TEMPLATE_FRAME_RULES } from '../shared/template-binding.js';
import { nearestTemplates, type TemplateMatch } from './template-store.js';

const DAY_MS = 86_400_000;
/**
 * How long after `exp` an identical retry of a stored submission is still answered: long enough for
 * a widget whose first answer was lost to try again, short enough that a copy of the stored bytes
 * (a database backup, a body-logging proxy) cannot be replayed later to collect the receipt and its
 * erasure link.
 */
export const RETRY_GRACE_MS = 10 * 60_000;

/** What `verifySubmission` returns for an accepted submission. */
export interface VerifiedSubmission {
  /** Send this to the widget; it shows it to the person. */
  receipt: SubmissionReceipt;
  /** The opened payload (the clip in clip mode). It is stored only sealed; keep it in memory only. */
  payload: Uint8Array;
  /** The opened evidence (the trace), for the host's own checks. Never stored in clear. */
  evidence: Evidence;
  /** The server's liveness decision on the sealed trace (stored with the submission). */
  decision: LivenessDecision;
  /** The attestation's claims, all checks passed. */
  claims: AttestationClaims;
  /**
   * Embedding mode: the stored templates (other submissions) this one matched, nearest first, at
   * most `templates.neighbours`, within `templates.matchThreshold`. A match is a lead to review (it
   * can be a sibling). Empty in clip mode.
   */
  matches: TemplateMatch[];
  /** Embedding mode: the opened template (stored for matching; keep it in memory only). Null in clip mode. */
  template: Float32Array | null;
  /**
   * True when this was an identical retry of an accepted submission (the widget lost the first
   * answer): the stored receipt is returned and nothing new was stored. Act on a submission (start
   * a review, say) only when this is false.
   */
  replayed: boolean;
}

/** The state of one verification as its checks fill it in. */
export interface Verification {
  readonly o: ResolvedOptions;
  readonly db: SqlDatabase;
  /** The server's clock when the request arrived. */
  readonly nowMs: number;
  readonly token: string;
  readonly idempotencyKey: string | undefined;
  /** Answer only if this very submission is stored; never store (the `face-verify-lookup` header). */
  readonly lookup: boolean;
  header?: AttestationHeader;
  claims?: AttestationClaims;
  challenge?: ChallengeClaims;
  /** The accepted submission this request repeats exactly (the same attestation). */
  retryOf?: SubmissionMetaRow;
  consent?: ConsentReceipt;
  sealed?: Uint8Array;
  kid?: string;
  contents?: SealedContents;
  evidence?: Evidence;
  decision?: LivenessDecision;
  /** The opened template (embedding mode). */
  template?: Float32Array | null;
  result?: VerifiedSubmission;
}

/** One step of the pipeline. */
export interface Check {
  id: string;
  phase: 'attestation' | 'sealed';
  /** What it checks, in README's words. */
  summary: string;
  /** The error codes it throws (besides `storage-failed` from the database). */
  codes: readonly ServerErrorCode[];
  run(v: Verification): void | Promise<void>;
}

const attestationHeader: Check = {
  id: 'attestation-header',
  phase: 'attestation',
  summary: 'the attestation is a compact JWS of at most 8 KiB whose protected header has `alg` exactly `ES256`, `typ` exactly `fv-attestation+jwt` and a public P-256 `jwk`',
  codes: ['token-malformed', 'alg-not-allowed'],
  run(v) {
    v.header = decodeAttestationHeader(v.token);
  },
};

const attestationSignature: Check = {
  id: 'attestation-signature',
  phase: 'attestation',
  summary: 'its ES256 signature verifies under that `jwk`, and its claims have the v2 shape',
  codes: ['signature-invalid', 'token-malformed', 'claims-mismatch'],
  async run(v) {
    v.claims = checkClaimShape(await verifyAttestationSignature(v.token, v.nowMs));
  },
};

const challenge: Check = {
  id: 'challenge',
  phase: 'attestation',
  summary: 'the `challenge` claim is a JWS this server signed (EdDSA, `typ` `fv-challenge+jwt`, its `iss`) with well-formed claims',
  codes: ['challenge-invalid'],
  async run(v) {
    v.challenge = await verifyChallengeToken(v.o, v.claims!.challenge);
  },
};

const keyBinding: Check = {
  id: 'key-binding',
  phase: 'attestation',
  summary: "the RFC 7638 SHA-256 thumbprint of the attestation's `jwk` equals the challenge's `cnf.jkt`",
  codes: ['key-binding-mismatch'],
  async run(v) {
    if ((await attestationKeyThumbprint(v.header!.jwk)) !== v.challenge!.cnf.jkt) {
      fail('key-binding-mismatch', "attestation: signed by another key than the one the challenge was issued to (cnf.jkt); sign with the key whose thumbprint was sent to createChallenge");
    }
  },
};

const claimsMatch: Check = {
  id: 'claims',
  phase: 'attestation',
  summary: "`sid`, `nonce` and `mode` equal the challenge's, and the `idempotency-key` header, when sent, equals `jti`",
  codes: ['claims-mismatch'],
  run(v) {
    checkClaimsMatch(v.claims!, v.challenge!, v.idempotencyKey);
  },
};

const singleUse: Check = {
  id: 'single-use',
  phase: 'attestation',
  summary: "if the session already holds a submission: the very same attestation is an identical retry, answered with the stored receipt once the sealed part checks out, until `exp` + 10 min (the other time windows and the notice are not judged again); the same `jti` with another attestation is a conflict; anything else is refused. A lookup (`face-verify-lookup: 1`) that is not such a retry is refused with `receipt-unknown` and stores nothing. Otherwise the challenge's nonce must not be spent (an erased submission's nonce stays spent until `exp`)",
  codes: ['idempotency-conflict', 'session-used', 'challenge-expired', 'receipt-unknown', 'nonce-replayed'],
  async run(v) {
    const claims = v.claims!;
    const stored = await findBySession(v.db, claims.sid);
    if (stored) {
      if (stored.attestation === v.token) {
        if (v.nowMs > v.challenge!.exp * 1000 + RETRY_GRACE_MS) {
          fail('challenge-expired', 'challenge: this submission was accepted, but retries of it are answered only until its window closes; the receipt was issued with the first answer');
        }
        v.retryOf = stored;
        return;
      }
      refuseSessionHeld(stored, claims.jti);
    }
    if (v.lookup) fail('receipt-unknown', 'lookup: this submission is not stored here (nothing was stored by this request either)');
    if (await isNonceSpent(v.db, v.challenge!.nonce)) {
      // An identical request on another connection may have stored it between the two reads
      // (seen on PostgreSQL, where requests really run side by side): that is a retry.
      const raced = await findBySession(v.db, claims.sid);
      if (raced?.attestation === v.token) {
        v.retryOf = raced;
        return;
      }
      if (raced) refuseSessionHeld(raced, claims.jti);
      refuseNonceSpent();
    }
  },
};

/** The session already holds another submission: a conflict when it reuses this `jti`, else `session-used`. */
function refuseSessionHeld(stored: SubmissionMetaRow, jti: string): never {
  if (stored.idempotency_key === jti) {
    fail('idempotency-conflict', 'attestation claim jti: this idempotency key was already used for another submission; a new submission needs a new key');
  }
  fail('session-used', 'session: it already holds an accepted submission; one session holds one submission — load the page again to start a new session');
}

function refuseNonceSpent(): never {
  fail('nonce-replayed', 'challenge: its nonce was already used by an accepted submission; a challenge is single-use — ask for a new one');
}

const timeWindows: Check = {
  id: 'time-windows',
  phase: 'attestation',
  summary: "on the server's clock: now ≤ `exp`; `capture.startedAfterMs` ≤ (`captureBy` − `iat`) × 1000; 1000 ≤ `capture.durationMs` ≤ `clipMs` + 1500; and `iat` × 1000 + `startedAfterMs` + `durationMs` − 1500 ≤ now",
  codes: ['challenge-expired', 'capture-late', 'timing-implausible'],
  run(v) {
    if (!v.retryOf) checkTiming(v.claims!, v.challenge!, v.nowMs);
  },
};

const consent: Check = {
  id: 'consent',
  phase: 'attestation',
  summary: "the consent receipt is explicit and biometric, names the challenge's `sid`, `mode` and notice hash `mh`, and `mh` is the hash of the notice this server shows now",
  codes: ['consent-invalid'],
  run(v) {
    v.consent = v.retryOf ? (v.claims!.consent) : checkConsent(v.claims!.consent, v.challenge!, v.o.manifestHash);
  },
};

const sealedPart: Check = {
  id: 'sealed-part',
  phase: 'sealed',
  summary: 'the sealed part is at most `maxSealedBytes`, its SHA-256 and size equal the `sealed` claim, and `sealed.suite` is the one suite',
  codes: ['blob-too-large', 'blob-hash-mismatch', 'seal-open-failed'],
  run(v) {
    checkSealedPart(v.claims!, v.sealed!.length, () => sha256b64u(v.sealed!), v.o.maxSealedBytes);
  },
};

const sealedKey: Check = {
  id: 'sealed-key',
  phase: 'sealed',
  summary: "`sealed.kid` is exactly the challenge's `opk.kid`, and that key is still in the server's ring",
  codes: ['key-mismatch', 'key-unknown'],
  run(v) {
    v.kid = checkSealedKey(v.claims!, v.challenge!, v.o.ring);
  },
};

const openSealed: Check = {
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

const evidence: Check = {
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

const liveness: Check = {
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

const payload: Check = {
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

const templatePayload: Check = {
  id: 'payload',
  phase: 'sealed',
  summary: `the payload's SHA-256 and size equal the \`payload\` claim, \`payload.type\` is exactly \`${TEMPLATE_MEDIA_TYPE}\`, and it is a template: ${TEMPLATE_BYTES} bytes, ${TEMPLATE_DIMENSIONS} finite little-endian float32 of Euclidean length 1 ± ${TEMPLATE_NORM_TOLERANCE}`,
  codes: ['payload-invalid'],
  run: payload.run,
};

const templateBinding: Check = {
  id: 'template-frames',
  phase: 'sealed',
  summary: `the evidence's \`template.frames\` names ${TEMPLATE_FRAME_RULES.minFrames}…${TEMPLATE_FRAME_RULES.maxFrames} trace times, strictly increasing, each a row with exactly one face, |yaw| ≤ ${TEMPLATE_FRAME_RULES.maxYawDeg}°, |pitch| ≤ ${TEMPLATE_FRAME_RULES.maxPitchDeg}° and both blink scores under ${TEMPLATE_FRAME_RULES.maxBlink}`,
  codes: ['evidence-invalid'],
  run(v) {
    const problems = templateBindingProblems(v.evidence!.template, v.evidence!.trace);
    if (problems.length) fail('evidence-invalid', problems.join('; '));
  },
};

const store: Check = {
  id: 'store',
  phase: 'sealed',
  summary: "in one transaction: the nonce is spent (kept until `exp`) and the sealed part, as received, is stored with the consent receipt and the liveness decision; a session holds at most one submission (the same refusals as single-use, for requests that raced each other). Embedding mode, in the same transaction and under the template lock: the stored templates within `templates.matchThreshold` are found (at most `templates.neighbours`, nearest first) and the template is enrolled; with `templates.duplicates: 'refuse'` a match refuses it and nothing is stored",
  codes: ['nonce-replayed', 'session-used', 'idempotency-conflict', 'duplicate-found'],
  async run(v) {
    const { o, claims, challenge: c, contents } = v as Required<Verification>;
    const template = v.template ?? null;
    const done = (row: SubmissionMetaRow, replayed: boolean, matches: TemplateMatch[]): void => {
      v.result = { receipt: receiptOf(row, o.manifest.erasureUrl, o.erasureSecret), payload: contents.payload, evidence: v.evidence!, decision: row.liveness, claims, replayed, matches, template };
    };
    const search = { k: o.templates.neighbours, maxDistance: o.templates.matchThreshold };
    // A retry is answered with the matches as they stand now (its own template left out).
    const matchesOf = async (id: string) => (template ? guardedNearest(v.db, template, search, id) : []);
    if (v.retryOf) return done(v.retryOf, true, await matchesOf(v.retryOf.id));
    const submission: NewSubmission = {
      id: randomId(16), sid: c.sid, nonce: c.nonce, idempotencyKey: claims.jti, receivedAt: new Date(v.nowMs),
      nonceUsableUntil: new Date(c.exp * 1000), mode: c.mode, sealed: v.sealed!, sealedSha256: claims.sealed.sha256,
      payloadSha256: claims.payload.sha256, payloadBytes: claims.payload.bytes, payloadType: claims.payload.type, kid: v.kid!,
      capture: claims.capture, attestation: v.token, retentionUntil: new Date(v.nowMs + o.manifest.retention.days * DAY_MS),
      consent: v.consent!, liveness: v.decision!,
    };
    const stored = await storeSubmission(v.db, submission, template ? { template, search, refuseDuplicates: o.templates.duplicates === 'refuse' } : undefined);
    if (stored.status === 'stored') return done(metaRowOf(submission), false, stored.matches);
    if (stored.status === 'duplicate') {
      const nearest = stored.matches[0]!;
      fail('duplicate-found', `template: it matches ${stored.matches.length} stored submission(s), the nearest ${nearest.submissionId} at distance ${nearest.distance.toFixed(3)} (threshold ${o.templates.matchThreshold}); nothing was stored`);
    }
    // A concurrent identical retry may have won the race; it deserves the same receipt.
    const raced = await findBySession(v.db, c.sid);
    if (raced && raced.attestation === v.token) return done(raced, true, await matchesOf(raced.id));
    if (raced) refuseSessionHeld(raced, claims.jti);
    refuseNonceSpent();
  },
};

/** The checks of each mode, in the order they run. */
export const PIPELINES: Readonly<Record<VerificationMode, readonly Check[]>> = {
  clip: [
    attestationHeader, attestationSignature, challenge, keyBinding, claimsMatch, singleUse, timeWindows, consent,
    sealedPart, sealedKey, openSealed, evidence, liveness, payload, store,
  ],
  embedding: [
    attestationHeader, attestationSignature, challenge, keyBinding, claimsMatch, singleUse, timeWindows, consent,
    sealedPart, sealedKey, openSealed, evidence, liveness, templatePayload, templateBinding, store,
  ],
};

/** The pipeline for `mode`. */
export function pipelineFor(mode: VerificationMode): readonly Check[] {
  const checks = PIPELINES[mode];
  if (!checks) fail('invalid-argument', `verifySubmission: mode "${mode}" has no pipeline`);
  return checks;
}

async function guardedNearest(db: SqlDatabase, template: Float32Array, search: { k: number; maxDistance: number }, exclude: string): Promise<TemplateMatch[]> {
  try {
    return await nearestTemplates(db, template, search.k, search.maxDistance, exclude);
  } catch (cause) {
    fail('storage-failed', 'verifySubmission: the template search failed; retry, and check the server log (error cause) if it persists', cause);
  }
}

/** Runs the checks of `phase`, in order, on `v`. */
export async function runPhase(checks: readonly Check[], phase: Check['phase'], v: Verification): Promise<void> {
  for (const check of checks) {
    if (check.phase === phase) await check.run(v);
  }
}

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
