/**
 * Turns a recording into what is uploaded, once: the payload and its evidence sealed together to
 * the operator key the challenge named, and an attestation that binds the seal to this session's
 * challenge. Independent of what the payload is, so the embedding mode seals a template through the
 * same path. The result is kept as it is until the server acknowledges it: a retry sends these very
 * bytes.
 */
import type { AttestationKey } from '../crypto/attestation-key.js';
import { signAttestation } from '../crypto/attestation-key.js';
import { sha256Base64Url } from '../crypto/digest.js';
import { seal } from '../crypto/hpke.js';
import { publicKeyFromJwk } from '../crypto/operator-key.js';
import { toBase64Url } from '../shared/bytes.js';
import { encodeEvidence, type Evidence } from '../shared/evidence.js';
import { encodeSealedContents } from '../shared/sealed-container.js';
import { sealInfo } from '../shared/seal-info.js';
import { FACE_LANDMARKER_MODEL, WIDGET_VERSION } from '../shared/version.js';
import type { AttestationClaims, CaptureSummary, ChallengeClaims, ConsentReceipt } from '../shared/wire.js';
import { SEAL_SUITE } from '../shared/wire.js';

/** A submission ready to upload, and kept until acknowledged. */
export interface SealedSubmission {
  /** The `sealed` part: `enc ‖ ciphertext`. */
  sealed: Uint8Array;
  /** The `attestation` part. */
  attestation: string;
  /** The attestation's `jti`, sent as the `idempotency-key` header. */
  idempotencyKey: string;
  sealedSha256: string;
  payloadSha256: string;
  /** Milliseconds spent sealing (for the benchmark and the closing report). */
  sealMs: number;
}

export interface SubmissionInput {
  /** The challenge token, verbatim, and its claims. */
  challenge: string;
  claims: ChallengeClaims;
  key: AttestationKey;
  payload: Uint8Array;
  /** Media type of the payload (the recorder's). */
  payloadType: string;
  evidence: Evidence;
  capture: CaptureSummary;
  consent: ConsentReceipt;
  now?: () => number;
}

/** Seals the payload with its evidence and signs the attestation. */
export async function buildSubmission(input: SubmissionInput): Promise<SealedSubmission> {
  const { challenge, claims, key, payload, consent } = input;
  const now = input.now ?? Date.now;
  const started = performance.now();
  const evidence = encodeEvidence(input.evidence);
  const payloadSha256 = sha256Base64Url(payload);
  const sealed = seal(publicKeyFromJwk(claims.opk), sealInfo(claims.mode, claims.sid, challenge), encodeSealedContents({ payload, evidence }));
  const sealedSha256 = sha256Base64Url(sealed);
  const sealMs = performance.now() - started;
  const jti = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const attestationClaims: AttestationClaims = {
    v: 2,
    jti,
    challenge,
    sid: claims.sid,
    nonce: claims.nonce,
    mode: claims.mode,
    iat: Math.floor(now() / 1000),
    sealed: { sha256: sealedSha256, bytes: sealed.length, suite: SEAL_SUITE, kid: claims.opk.kid },
    payload: { sha256: payloadSha256, bytes: payload.length, type: input.payloadType },
    evidence: { sha256: sha256Base64Url(evidence), bytes: evidence.length },
    capture: input.capture,
    widget: { version: WIDGET_VERSION },
    model: { name: FACE_LANDMARKER_MODEL.name, sha256: FACE_LANDMARKER_MODEL.sha256 },
    consent,
  };
  const attestation = await signAttestation(key, attestationClaims);
  return { sealed, attestation, idempotencyKey: jti, sealedSha256, payloadSha256, sealMs };
}
