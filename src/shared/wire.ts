/**
 * Wire formats (format v2) between the widget, the host's backend and `face-verify/server`. README
 * "Formats" is the specification; these types are its TypeScript reading. Everything a backend in
 * another language must check is plain JSON, JWT claims, CBOR or HPKE — no project code needed.
 */
import type { LivenessLevel, LivenessReasonCode } from './liveness-decision.js';
import type { LivenessScript } from './liveness-script.js';
import type { ConsentManifest, VerificationMode } from './manifest.js';

/** `typ` header of the page-load session token (stateless; nothing is stored when it is issued). */
export const SESSION_TYP = 'fv-session+jwt';
/** `typ` header of the capture challenge token, issued after the person agrees. */
export const CHALLENGE_TYP = 'fv-challenge+jwt';
/** `typ` header of the widget's attestation JWT. */
export const ATTESTATION_TYP = 'fv-attestation+jwt';
/** The only `alg` the widget signs attestations with (WebCrypto P-256, available in every browser). */
export const ATTESTATION_ALG = 'ES256';
/** The only `alg` the server signs session and challenge tokens with. */
export const SERVER_TOKEN_ALG = 'EdDSA';
/** The HPKE suite every sealed part uses: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305. */
export const SEAL_SUITE = 'HPKE-Base-X25519-SHA256-ChaCha20Poly1305';

/** Multipart field names of an upload, in the order they must appear in the body. */
export const UPLOAD_PARTS = ['attestation', 'sealed'] as const;
/** Media type of the `sealed` part: `enc ‖ ciphertext` of HPKE base mode. */
export const SEALED_MEDIA_TYPE = 'application/octet-stream';
/** Request header carrying the attestation's `jti`, so a retry of the same bytes is recognised. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/**
 * Request header `face-verify-lookup: 1`: answer only if this very submission is already stored
 * (with its receipt), never store it. The widget asks this after a Cancel that came once an upload
 * had begun, to tell the person the truth about what arrived.
 */
export const LOOKUP_HEADER = 'face-verify-lookup';

/** An operator's X25519 public key as a JWK (RFC 8037), named by `kid`. */
export interface OperatorPublicJwk {
  kty: 'OKP';
  crv: 'X25519';
  x: string;
  kid: string;
}

/** Claims of the page-load session token. */
export interface SessionClaims {
  iss: string;
  /** Session id, 128 random bits as base64url. */
  sid: string;
  iat: number;
  /** The person may read the notice until then; agreeing later fetches a new session. */
  exp: number;
  mode: VerificationMode;
  /** Notice hash of the manifest shown (see `canonicalHash`). */
  mh: string;
}

/** What the host's session endpoint returns on page load (the body of `createSession()`). */
export interface SessionResponse {
  v: 2;
  /** The session token (JWT, {@link SESSION_TYP}); the widget sends it back to ask for a challenge. */
  session: string;
  sessionId: string;
  mode: VerificationMode;
  manifest: ConsentManifest;
  /** Where the widget asks for a capture challenge; relative to the session URL when not absolute. */
  challengeUrl: string;
  /** Where the widget posts the submission; relative to the session URL when not absolute. */
  submitUrl: string;
  /** Whether the person may ask for the path without flashes and with minimal motion. */
  liveness: { reducedPath: boolean };
}

/** Claims of the capture challenge token. */
export interface ChallengeClaims {
  iss: string;
  sid: string;
  /** Single-use nonce, 256 random bits as base64url. */
  nonce: string;
  iat: number;
  /** Recording must start by then (Unix seconds). */
  captureBy: number;
  /** The submission must arrive by then (Unix seconds): `captureBy` + the clip + the review window. */
  exp: number;
  mode: VerificationMode;
  /** The operator key to seal to; the sealed part must name exactly this `kid`. */
  opk: OperatorPublicJwk;
  mh: string;
  /** Confirmation: RFC 7638 thumbprint of the widget's attestation public key. */
  cnf: { jkt: string };
  /** Longest recording the script allows, in milliseconds (`scriptMaxDurationMs(liveness)`). */
  clipMs: number;
  /** The server-chosen liveness script (colours, actions, their order and time limits). */
  liveness: LivenessScript;
}

/** What the challenge endpoint returns (the body of `createChallenge()`). */
export interface ChallengeResponse {
  v: 2;
  challenge: string;
}

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

/** Hash and size of one byte string, as an attestation binds it. */
export interface BoundBytes {
  /** SHA-256, unpadded base64url. */
  sha256: string;
  bytes: number;
}

/** What was captured, as the widget measured it: small numbers only (the trace travels sealed). */
export interface CaptureSummary {
  /** Milliseconds from receiving the challenge to the start of recording (the widget's monotonic clock). */
  startedAfterMs: number;
  durationMs: number;
  width: number;
  height: number;
  /** Rows in the sealed trace. */
  frames: number;
}

/** Claims of the widget's attestation JWT (ES256, ephemeral key in the `jwk` header). */
export interface AttestationClaims {
  v: 2;
  /** Idempotency key: random, one per sealed submission; the `idempotency-key` header repeats it. */
  jti: string;
  /** The challenge token, verbatim. */
  challenge: string;
  sid: string;
  nonce: string;
  mode: VerificationMode;
  iat: number;
  /** The `sealed` part as uploaded, and the key and suite it was sealed with. */
  sealed: BoundBytes & { suite: typeof SEAL_SUITE; kid: string };
  /** The payload inside the seal (the clip in clip mode) and its media type. */
  payload: BoundBytes & { type: string };
  /** The evidence inside the seal (UTF-8 JSON; the trace). */
  evidence: BoundBytes;
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
  /** SHA-256 (base64url) and size of the sealed part as received. */
  sealedSha256: string;
  sealedBytes: number;
  /** SHA-256 (base64url) of the payload inside the seal, as the widget recorded it. */
  payloadSha256: string;
  /** ISO 8601 time after which the data is destroyed. */
  retentionUntil: string;
  /** A link that erases this submission (carries the receipt id and its erasure token). */
  erasureUrl: string;
  consentReceiptId: string;
  /** The server's liveness decision: its level and reason codes (README "Liveness decision"). */
  liveness: { level: LivenessLevel; reasons: LivenessReasonCode[] };
}

/** The body of an error answer from the host's endpoints. */
export interface ErrorResponse {
  /** `reasons`: for `liveness-failed`, the decision's reason codes (README "Liveness decision"). */
  error: { code: string; message: string; reasons?: string[] };
}
