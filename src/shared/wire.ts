/**
 * Wire formats between the widget, the host's backend and `face-verify/server`. Everything here is
 * plain JSON or JWT claims, so a backend in another language can implement the same checks.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8 } from './bytes.js';
import type { ConsentManifest, VerificationMode } from './manifest.js';
import type { CaptureTrace } from './trace.js';

/** `typ` header of the server's challenge token. */
export const CHALLENGE_TYP = 'fv-challenge+jwt';
/** `typ` header of the widget's attestation JWT. */
export const ATTESTATION_TYP = 'fv-attestation+jwt';
/** The only `alg` the widget signs attestations with (WebCrypto P-256, available in every browser). */
export const ATTESTATION_ALG = 'ES256';
/** Algorithms the server may sign challenges with. */
export const CHALLENGE_ALGS = ['EdDSA', 'ES256'] as const;
/** Longest challenge lifetime the server issues, in seconds. */
export const MAX_CHALLENGE_TTL_S = 120;
/** The HPKE suite every sealed blob uses: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305. */
export const SEAL_SUITE = 'HPKE-Base-X25519-SHA256-ChaCha20Poly1305';

/** HTTP header carrying the attestation JWT on the upload request; the body is the sealed blob. */
export const ATTESTATION_HEADER = 'face-verify-attestation';
/** Media type of an upload body: `enc ‖ ciphertext` of HPKE base mode. */
export const SEALED_MEDIA_TYPE = 'application/vnd.face-verify.sealed';

/** An operator's X25519 public key as a JWK (RFC 8037), named by `kid`. */
export interface OperatorPublicJwk {
  kty: 'OKP';
  crv: 'X25519';
  x: string;
  kid: string;
}

/** Claims of the server's challenge token. */
export interface ChallengeClaims {
  iss: string;
  /** Session id. */
  sid: string;
  /** Single-use nonce, base64url of at least 16 random bytes. */
  nonce: string;
  iat: number;
  exp: number;
  mode: VerificationMode;
  /** The operator's HPKE public key the widget seals to. */
  opk: OperatorPublicJwk;
  /** Canonical hash of the consent manifest shown for this session (see `canonicalHash`). */
  mh: string;
  /** Confirmation: RFC 7638 thumbprint of the widget's attestation public key. */
  cnf: { jkt: string };
  /** Longest clip the widget may record, in milliseconds. */
  clipMs: number;
}

/** What the host's session endpoint returns to the widget (the body of `createSession()`). */
export interface SessionResponse {
  v: 1;
  sessionId: string;
  challenge: string;
  /** Unix seconds when the challenge expires. */
  expiresAt: number;
  mode: VerificationMode;
  manifest: ConsentManifest;
  /** Where the widget posts the submission; relative to the session URL when not absolute. */
  submitUrl: string;
}

const FORMAT_V = 1;

/** The consent receipt (after Kantara CR v1.1 / ISO/IEC TS 27560). It holds no biometric data. */
export interface ConsentReceipt {
  receiptId: string;
  /** ISO 8601 time of agreement. */
  timestamp: string;
  controller: { name: string; contact: string };
  policyUrl: string;
  purpose: string;
  consentType: 'explicit';
  sensitive: 'biometric';
  /** Canonical hash and version of the notice shown. */
  noticeHash: string;
  noticeVersion: string;
  locale: string;
  widgetVersion: string;
  mode: VerificationMode;
  sessionId: string;
  /** ISO 8601 date by which the data is destroyed (agreement time + retention days). */
  destructionDeadline: string;
}

/** What was captured, as the widget measured it. */
export interface CaptureSummary {
  /** Unix milliseconds when recording started. */
  startedAt: number;
  durationMs: number;
  /** Media type of the clip (clip mode). */
  mimeType: string;
  /** Size of the payload before sealing. */
  payloadBytes: number;
  /** SHA-256 (base64url) of the payload before sealing. */
  payloadSha256: string;
  width: number;
  height: number;
  trace: CaptureTrace;
}

/** Claims of the widget's attestation JWT (ES256, ephemeral key in the `jwk` header). */
export interface AttestationClaims {
  /** The challenge token, verbatim. */
  challenge: string;
  sid: string;
  nonce: string;
  mode: VerificationMode;
  iat: number;
  /** The sealed blob: its hash, size, suite and the operator key it was sealed to. */
  blob: { sha256: string; bytes: number; suite: typeof SEAL_SUITE; kid: string };
  capture: CaptureSummary;
  widget: { version: string };
  model: { name: string; sha256: string };
  consent: ConsentReceipt;
}

/** What the server returns after accepting a submission; the widget shows it to the person. */
export interface SubmissionReceipt {
  receiptId: string;
  sessionId: string;
  mode: VerificationMode;
  /** ISO 8601 time the server accepted the submission. */
  receivedAt: string;
  /** SHA-256 (base64url) and size of the sealed blob as received. */
  sealedSha256: string;
  sealedBytes: number;
  /** SHA-256 (base64url) of the payload inside the seal, as the widget recorded it. */
  payloadSha256: string;
  /** ISO 8601 time after which the data is destroyed. */
  retentionUntil: string;
  /** A link that erases this submission (carries the receipt id and its erasure token). */
  erasureUrl: string;
  consentReceiptId: string;
}

/** The body of an error answer from the host's endpoints. */
export interface ErrorResponse {
  error: { code: string; message: string };
}

/**
 * HPKE `info` for a sealed blob: binds the ciphertext to the format version, the mode, the session
 * and the exact challenge, so a blob cannot be replayed into another session or mode.
 * `info = "face-verify/v1|" ‖ mode ‖ "|" ‖ sid ‖ "|" ‖ SHA-256(challenge token ASCII)`.
 */
export function sealInfo(mode: VerificationMode, sessionId: string, challengeToken: string): Uint8Array {
  return concatBytes(utf8(`face-verify/v${FORMAT_V}|${mode}|${sessionId}|`), sha256(utf8(challengeToken)));
}
