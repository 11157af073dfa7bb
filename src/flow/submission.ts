/**
 * Turns a recorded payload into what is uploaded: the payload sealed to the operator's key, and an
 * attestation that binds the seal to this session's challenge. Independent of what the payload is,
 * so the embedding mode seals a template through the same path.
 */
import type { AttestationKey } from '../crypto/attestation-key.js';
import { signAttestation } from '../crypto/attestation-key.js';
import { sha256Base64Url } from '../crypto/digest.js';
import { seal } from '../crypto/hpke.js';
import { publicKeyFromJwk } from '../crypto/operator-key.js';
import { FACE_LANDMARKER_MODEL, WIDGET_VERSION } from '../shared/version.js';
import type { AttestationClaims, CaptureSummary, ChallengeClaims, ConsentReceipt } from '../shared/wire.js';
import { SEAL_SUITE, sealInfo } from '../shared/wire.js';

export interface SealedSubmission {
  /** `enc ‖ ciphertext`, the upload body. */
  sealed: Uint8Array;
  /** The attestation JWT, sent in the `face-verify-attestation` header. */
  attestation: string;
  sealedSha256: string;
  payloadSha256: string;
  /** Milliseconds spent sealing (for the benchmark and the closing report). */
  sealMs: number;
}

export interface SubmissionInput {
  challenge: string;
  claims: ChallengeClaims;
  key: AttestationKey;
  payload: Uint8Array;
  capture: Omit<CaptureSummary, 'payloadBytes' | 'payloadSha256'>;
  consent: ConsentReceipt;
  now?: () => number;
}

/** Seals `payload` and signs the attestation. */
export async function buildSubmission(input: SubmissionInput): Promise<SealedSubmission> {
  const { challenge, claims, key, payload, consent } = input;
  const now = input.now ?? Date.now;
  const started = performance.now();
  const payloadSha256 = sha256Base64Url(payload);
  const sealed = seal(publicKeyFromJwk(claims.opk), sealInfo(claims.mode, claims.sid, challenge), payload);
  const sealMs = performance.now() - started;
  const sealedSha256 = sha256Base64Url(sealed);
  const attestationClaims: AttestationClaims = {
    challenge,
    sid: claims.sid,
    nonce: claims.nonce,
    mode: claims.mode,
    iat: Math.floor(now() / 1000),
    blob: { sha256: sealedSha256, bytes: sealed.length, suite: SEAL_SUITE, kid: claims.opk.kid },
    capture: { ...input.capture, payloadBytes: payload.length, payloadSha256 },
    widget: { version: WIDGET_VERSION },
    model: { name: FACE_LANDMARKER_MODEL.name, sha256: FACE_LANDMARKER_MODEL.sha256 },
    consent,
  };
  const attestation = await signAttestation(key, attestationClaims);
  return { sealed, attestation, sealedSha256, payloadSha256, sealMs };
}
