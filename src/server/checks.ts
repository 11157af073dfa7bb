/**
 * Pure checks of a submission's parts against its attestation and challenge. Each throws its own
 * error code and names the claim or part that failed; none touches the database.
 */
import { isRecord } from '../shared/guards.js';
import type { CaptureTrace } from '../shared/trace.js';
import { tracePlausibilityProblems } from '../shared/trace-plausibility.js';
import type { VerificationMode } from '../shared/manifest.js';
import { SEAL_SUITE, type AttestationClaims, type ChallengeClaims, type ConsentReceipt } from '../shared/wire.js';
import { fail, shortJson } from './fail.js';
import { decodeTemplate, TEMPLATE_MEDIA_TYPE } from '../shared/face-template.js';

/** Slack on the clip length for recorder start/stop latency, in milliseconds. */
export const CLIP_SLACK_MS = 1500;
/** The attestation's `iat` is floored to whole seconds, and the widget's monotonic clock is not the server's. */
export const CLOCK_SLACK_MS = 1500;

const B64U_SHA256 = /^[A-Za-z0-9_-]{43}$/;
const JTI = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * The attestation's claims have the v2 shape (types only; values are checked by later steps).
 * @throws FaceVerifyError `claims-mismatch` naming the first malformed claim.
 */
export function checkClaimShape(c: Record<string, unknown>): AttestationClaims {
  const problem = (path: string, what: string): never => fail('claims-mismatch', `attestation claim ${path}: must be ${what}`);
  if (c['v'] !== 2) problem('v', '2 (format v2)');
  if (typeof c['jti'] !== 'string' || !JTI.test(c['jti'])) problem('jti', 'the idempotency key, 22–64 base64url characters');
  for (const key of ['challenge', 'sid', 'nonce', 'mode'] as const) {
    if (typeof c[key] !== 'string') problem(key, 'a string');
  }
  const bound = (path: string, value: unknown, extra: string[]): void => {
    if (!isRecord(value) || typeof value['sha256'] !== 'string' || !B64U_SHA256.test(value['sha256']) ||
        !Number.isSafeInteger(value['bytes']) || (value['bytes'] as number) < 0) {
      problem(path, 'an object with sha256 (43 base64url characters) and bytes (a whole number)');
    }
    for (const key of extra) if (typeof (value as Record<string, unknown>)[key] !== 'string') problem(`${path}.${key}`, 'a string');
  };
  bound('sealed', c['sealed'], ['suite', 'kid']);
  bound('payload', c['payload'], ['type']);
  bound('evidence', c['evidence'], []);
  const capture = c['capture'];
  if (!isRecord(capture)) problem('capture', 'the capture summary object');
  for (const key of ['startedAfterMs', 'durationMs', 'width', 'height', 'frames'] as const) {
    const value = (capture as Record<string, unknown>)[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) problem(`capture.${key}`, 'a finite number ≥ 0');
  }
  return c as unknown as AttestationClaims;
}

/**
 * The attestation repeats the challenge's session, nonce and mode, and the request's idempotency
 * key header (when sent) is the attestation's `jti`.
 * @throws FaceVerifyError `claims-mismatch`.
 */
export function checkClaimsMatch(claims: AttestationClaims, challenge: ChallengeClaims, idempotencyKey: string | undefined): void {
  for (const key of ['sid', 'nonce', 'mode'] as const) {
    if (claims[key] !== challenge[key]) {
      fail('claims-mismatch', `attestation claim ${key}: differs from the challenge's ${key}; the widget must copy it from the challenge it signs`);
    }
  }
  if (idempotencyKey !== undefined && idempotencyKey !== claims.jti) {
    fail('claims-mismatch', 'request header idempotency-key: must equal the attestation claim jti');
  }
}

/**
 * The consent receipt is explicit, biometric, and for the notice and session of this challenge,
 * and the notice is still one this server shows (any of its translations).
 * @throws FaceVerifyError `consent-invalid` naming the field that differs.
 */
export function checkConsent(consent: unknown, challenge: ChallengeClaims, currentManifestHashes: readonly string[]): ConsentReceipt {
  if (!isRecord(consent)) fail('consent-invalid', 'attestation claim consent: the consent receipt is missing; the person must agree before capture');
  const expect: [keyof ConsentReceipt, unknown, string][] = [
    ['consentType', 'explicit', 'must be "explicit"'],
    ['sensitive', 'biometric', 'must be "biometric"'],
    ['noticeHash', challenge.mh, "must equal the challenge's notice hash (mh): the notice shown is not this session's"],
    ['sessionId', challenge.sid, "must equal the challenge's sid"],
    ['mode', challenge.mode, "must equal the challenge's mode"],
  ];
  for (const [key, value, why] of expect) {
    if (consent[key] !== value) fail('consent-invalid', `attestation claim consent.${key}: ${why}`);
  }
  if (typeof consent['receiptId'] !== 'string' || consent['receiptId'] === '' || consent['receiptId'].length > 200) {
    fail('consent-invalid', 'attestation claim consent.receiptId: must be a non-empty string of at most 200 characters');
  }
  if (!currentManifestHashes.includes(challenge.mh)) {
    // Storing under terms the person was not shown (another retention, say) is not what they agreed to.
    fail('consent-invalid', 'consent: the notice changed since this session started; start a new session so the person reads the current notice');
  }
  return consent as unknown as ConsentReceipt;
}

/**
 * The sealed part as received is the one attested, within the size cap.
 * @throws FaceVerifyError `blob-too-large`, `blob-hash-mismatch`, `seal-open-failed` for another suite.
 */
export function checkSealedPart(claims: AttestationClaims, sealedBytes: number, sealedSha256: () => string, maxSealedBytes: number): void {
  if (sealedBytes > maxSealedBytes) {
    fail('blob-too-large', `sealed part: ${sealedBytes} bytes is over this server's limit of ${maxSealedBytes}; record a shorter clip or raise maxSealedBytes`);
  }
  if (claims.sealed.bytes !== sealedBytes || claims.sealed.sha256 !== sealedSha256()) {
    fail('blob-hash-mismatch', `sealed part: its SHA-256 or size (${sealedBytes} bytes) differs from attestation claim sealed; send the bytes exactly as sealed`);
  }
  if (claims.sealed.suite !== SEAL_SUITE) {
    fail('seal-open-failed', `attestation claim sealed.suite: must be "${SEAL_SUITE}", got ${shortJson(claims.sealed.suite)}`);
  }
}

/**
 * The sealed part names exactly the key the challenge said to seal to, and the server still holds
 * it (a key retired since still opens what was sealed to it).
 * @throws FaceVerifyError `key-mismatch`, `key-unknown`.
 */
export function checkSealedKey(claims: AttestationClaims, challenge: ChallengeClaims, ring: ReadonlyMap<string, { publicJwk: { x: string } }>): string {
  const kid = claims.sealed.kid;
  if (kid !== challenge.opk.kid) {
    fail('key-mismatch', `attestation claim sealed.kid: ${shortJson(kid)} is not the key the challenge named (opk.kid); seal to the challenge's key`);
  }
  const key = ring.get(kid);
  if (!key || key.publicJwk.x !== challenge.opk.x) {
    fail('key-unknown', `attestation claim sealed.kid: ${shortJson(kid)} is no longer in this server's operatorKeys; keep retired keys in the ring until their challenges expire`);
  }
  return kid;
}

/** Hash and size of an opened part equal what the attestation bound. */
export function checkBound(part: 'payload' | 'evidence', bound: { sha256: string; bytes: number }, bytes: Uint8Array, sha256: string): void {
  if (bytes.length !== bound.bytes || sha256 !== bound.sha256) {
    fail(part === 'payload' ? 'payload-invalid' : 'evidence-invalid',
      `${part}: its SHA-256 or size (${bytes.length} bytes) differs from attestation claim ${part}; the widget must hash the exact bytes it seals`);
  }
}

/**
 * The payload is what the mode allows. In clip mode: a WebM (EBML magic 1A 45 DF A3) or MP4 (`ftyp`
 * box at offset 4) file whose container matches `payload.type`. In embedding mode: a template
 * (README "Template"), of `payload.type` TEMPLATE_MEDIA_TYPE.
 * @returns the template in embedding mode, else null.
 * @throws FaceVerifyError `payload-invalid`.
 */
export function checkPayloadContent(mode: VerificationMode, type: string, payload: Uint8Array): Float32Array | null {
  if (mode === 'embedding') {
    if (type !== TEMPLATE_MEDIA_TYPE) fail('payload-invalid', `attestation claim payload.type: embedding mode accepts exactly ${TEMPLATE_MEDIA_TYPE}, got ${shortJson(type)}`);
    try {
      return decodeTemplate(payload);
    } catch (error) {
      fail('payload-invalid', `payload: ${(error as Error).message}`, error);
    }
  }
  const essence = type.split(';')[0]!.trim().toLowerCase();
  if (essence !== 'video/webm' && essence !== 'video/mp4') {
    fail('payload-invalid', `attestation claim payload.type: clip mode accepts video/webm or video/mp4, got ${shortJson(type)}`);
  }
  const container = videoContainer(payload);
  if (container === undefined) {
    fail('payload-invalid', 'payload: clip mode needs a WebM or MP4 video, but it starts with neither an EBML header nor an ftyp box');
  }
  if (essence !== `video/${container}`) {
    fail('payload-invalid', `payload: it is ${container.toUpperCase()} but payload.type says ${shortJson(type)}; report the recorder's actual type`);
  }
  return null;
}

/** 'webm' for an EBML (WebM/Matroska) file, 'mp4' for an ISO BMFF file, else undefined. */
export function videoContainer(bytes: Uint8Array): 'webm' | 'mp4' | undefined {
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
  // 'f' 't' 'y' 'p'
  if (bytes.length >= 8 && bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70) return 'mp4';
  return undefined;
}

/**
 * The trace could come from a real capture of the clip (README "Trace").
 * @throws FaceVerifyError `trace-invalid` listing the first problems found.
 */
export function checkTracePlausible(trace: CaptureTrace, frames: number, durationMs: number): void {
  const problems = tracePlausibilityProblems(trace, frames, durationMs);
  if (problems.length) {
    fail('trace-invalid', `evidence.trace: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}`);
  }
}
