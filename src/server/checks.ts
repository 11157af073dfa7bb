/**
 * Checks of a submission's content (steps 6–9 of `verifySubmission`): the sealed blob against the
 * attestation, the opened payload against the capture summary and the mode, the trace, and the
 * consent receipt against the challenge. Pure functions; each throws its own error code.
 */
import { traceProblems } from '../shared/trace.js';
import { SEAL_SUITE, type CaptureSummary, type ChallengeClaims, type ConsentReceipt } from '../shared/wire.js';
import type { VerificationMode } from '../shared/manifest.js';
import { fail, isRecord, shortJson } from './fail.js';

/** Slack on the clip length for recorder start/stop latency, in milliseconds. */
export const CLIP_SLACK_MS = 1500;

/** The attestation's `blob` claim after {@link checkBlob}. */
export interface CheckedBlob {
  sha256: string;
  bytes: number;
  kid: string;
}

/**
 * Step 6: the sealed bytes match the attestation's `blob` claim, the size cap and the key ring.
 * @param sealedSha256 - SHA-256 (base64url) of `sealedBytes` bytes as received; computed lazily.
 * @throws FaceVerifyError `blob-too-large`, `blob-hash-mismatch`, `key-unknown`, or
 *   `seal-open-failed` for a suite other than {@link SEAL_SUITE}.
 */
export function checkBlob(
  blob: unknown,
  sealedBytes: number,
  sealedSha256: () => string,
  maxSealedBytes: number,
  kids: ReadonlySet<string>,
): CheckedBlob {
  if (sealedBytes > maxSealedBytes) {
    fail('blob-too-large', `sealed blob: ${sealedBytes} bytes is over this server's limit of ${maxSealedBytes}; record a shorter or lower-bitrate clip, or raise maxSealedBytes`);
  }
  if (!isRecord(blob) || typeof blob['sha256'] !== 'string' || typeof blob['bytes'] !== 'number') {
    fail('blob-hash-mismatch', 'attestation claim blob: must carry sha256 (base64url) and bytes of the sealed blob');
  }
  if (blob['bytes'] !== sealedBytes || blob['sha256'] !== sealedSha256()) {
    fail('blob-hash-mismatch', `sealed blob: its SHA-256 or size (${sealedBytes} bytes) differs from attestation claim blob; the upload was altered or truncated — send the blob exactly as sealed`);
  }
  const kid = blob['kid'];
  if (typeof kid !== 'string' || !kids.has(kid)) {
    fail('key-unknown', `attestation claim blob.kid: ${shortJson(kid)} names no operator key of this server; start a new session to get the current key`);
  }
  if (blob['suite'] !== SEAL_SUITE) {
    fail('seal-open-failed', `attestation claim blob.suite: must be "${SEAL_SUITE}", got ${shortJson(blob['suite'])}`);
  }
  return { sha256: blob['sha256'], bytes: sealedBytes, kid };
}

/** The fields of `capture` the server relies on, after {@link checkCaptureShape}. */
export type CheckedCapture = CaptureSummary;

/**
 * Checks the capture summary carries the fields the payload checks need.
 * @throws FaceVerifyError `payload-invalid` naming the first missing field.
 */
export function checkCaptureShape(capture: unknown): CheckedCapture {
  if (!isRecord(capture)) fail('payload-invalid', 'attestation claim capture: must be the capture summary object');
  const numbers = ['startedAt', 'durationMs', 'payloadBytes', 'width', 'height'] as const;
  for (const key of numbers) {
    if (typeof capture[key] !== 'number' || !Number.isFinite(capture[key])) {
      fail('payload-invalid', `attestation claim capture.${key}: must be a finite number`);
    }
  }
  for (const key of ['mimeType', 'payloadSha256'] as const) {
    if (typeof capture[key] !== 'string') fail('payload-invalid', `attestation claim capture.${key}: must be a string`);
  }
  return capture as unknown as CheckedCapture;
}

/**
 * Step 7 (after opening): the payload is what the capture summary says and what the mode allows.
 * In clip mode that is a WebM (EBML magic 1A 45 DF A3) or MP4 (`ftyp` box at offset 4) file whose
 * container matches `capture.mimeType`.
 * @param payloadSha256 - SHA-256 (base64url) of `payload`.
 * @throws FaceVerifyError `payload-invalid`.
 */
export function checkPayload(mode: VerificationMode, capture: CheckedCapture, payload: Uint8Array, payloadSha256: string): void {
  if (payload.length !== capture.payloadBytes || payloadSha256 !== capture.payloadSha256) {
    fail('payload-invalid', `payload: its SHA-256 or size (${payload.length} bytes) differs from attestation claims capture.payloadSha256/payloadBytes; the widget must hash the exact bytes it seals`);
  }
  if (mode !== 'clip') return;
  const essence = capture.mimeType.split(';')[0]!.trim().toLowerCase();
  const container = videoContainer(payload);
  if (essence !== 'video/webm' && essence !== 'video/mp4') {
    fail('payload-invalid', `attestation claim capture.mimeType: clip mode accepts video/webm or video/mp4, got ${shortJson(capture.mimeType)}`);
  }
  if (container === undefined) {
    fail('payload-invalid', 'payload: clip mode needs a WebM or MP4 video, but the payload starts with neither an EBML header nor an ftyp box');
  }
  if (essence !== `video/${container}`) {
    fail('payload-invalid', `payload: the payload is ${container.toUpperCase()} but capture.mimeType says ${shortJson(capture.mimeType)}; report the recorder's actual type`);
  }
}

/** 'webm' for an EBML (WebM/Matroska) file, 'mp4' for an ISO BMFF file, else undefined. */
export function videoContainer(bytes: Uint8Array): 'webm' | 'mp4' | undefined {
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm';
  // 'f' 't' 'y' 'p'
  if (bytes.length >= 8 && bytes[4] === 0x66 && bytes[5] === 0x74 && bytes[6] === 0x79 && bytes[7] === 0x70) return 'mp4';
  return undefined;
}

/**
 * Step 8: the trace is well-formed and the clip no longer than the challenge allowed.
 * @throws FaceVerifyError `trace-invalid` listing the problems.
 */
export function checkTrace(capture: CheckedCapture, clipMs: number): void {
  const problems = traceProblems(capture.trace);
  const limit = clipMs + CLIP_SLACK_MS;
  if (capture.durationMs < 0 || capture.durationMs > limit) {
    problems.push(`capture.durationMs: ${capture.durationMs} ms is outside 0…${limit} ms (clipMs ${clipMs} + ${CLIP_SLACK_MS} ms slack)`);
  }
  if (problems.length === 0) {
    const rows = capture.trace.rows;
    const lastT = rows.length ? rows[rows.length - 1]![0] : 0;
    if (typeof lastT === 'number' && lastT > limit) {
      problems.push(`trace: last frame at ${lastT} ms is past the ${limit} ms a clip may last`);
    }
  }
  if (problems.length) fail('trace-invalid', `attestation claim capture.trace: ${problems.join('; ')}`);
}

/**
 * Step 9: the consent receipt is explicit, biometric, and for the notice and session of this
 * challenge.
 * @throws FaceVerifyError `consent-invalid` naming the field that differs.
 */
export function checkConsent(consent: unknown, challenge: ChallengeClaims): ConsentReceipt {
  if (!isRecord(consent)) fail('consent-invalid', 'attestation claim consent: the consent receipt is missing; the person must agree before capture');
  const expect: [keyof ConsentReceipt, unknown, string][] = [
    ['consentType', 'explicit', 'must be "explicit"'],
    ['sensitive', 'biometric', 'must be "biometric"'],
    ['noticeHash', challenge.mh, "must equal the challenge's manifest hash (mh): the notice shown is not this session's"],
    ['sessionId', challenge.sid, "must equal the challenge's sid"],
    ['mode', challenge.mode, "must equal the challenge's mode"],
  ];
  for (const [key, value, why] of expect) {
    if (consent[key] !== value) fail('consent-invalid', `attestation claim consent.${key}: ${why}`);
  }
  if (typeof consent['receiptId'] !== 'string' || consent['receiptId'] === '' || consent['receiptId'].length > 200) {
    fail('consent-invalid', 'attestation claim consent.receiptId: must be a non-empty string of at most 200 characters');
  }
  return consent as unknown as ConsentReceipt;
}
