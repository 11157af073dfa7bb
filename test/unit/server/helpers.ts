/**
 * Test helpers for the server: a widget that plays the protocol honestly with the real crypto
 * (WebCrypto P-256 attestation key, RFC 9180 HPKE, ES256 JWT), plus knobs to break one thing at a
 * time, and row counters that prove a rejected submission stored nothing.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { createAttestationKey, signAttestation, type AttestationKey } from '../../../src/crypto/attestation-key.js';
import { sha256Base64Url } from '../../../src/crypto/digest.js';
import { seal } from '../../../src/crypto/hpke.js';
import { generateOperatorKey, publicKeyFromJwk, type OperatorPrivateJwk } from '../../../src/crypto/operator-key.js';
import { canonicalHash } from '../../../src/shared/canonical-json.js';
import { isFaceVerifyError, type ServerErrorCode } from '../../../src/shared/errors.js';
import type { ConsentManifest } from '../../../src/shared/manifest.js';
import { validManifest } from '../../fixtures/manifest.js';
import { buildTrace, type FrameSample } from '../../../src/shared/trace.js';
import { WIDGET_VERSION, FACE_LANDMARKER_MODEL } from '../../../src/shared/version.js';
import {
  SEAL_SUITE,
  sealInfo,
  type AttestationClaims,
  type ChallengeClaims,
  type SessionResponse,
} from '../../../src/shared/wire.js';
import type { SqlDatabase } from '../../../src/server/database.js';
import { generateSigningKey, type SigningPrivateJwk } from '../../../src/server/keys.js';
import type { FaceVerifyServerOptions } from '../../../src/server/options.js';
import { FaceVerifyServer } from '../../../src/server/server.js';

/** A complete, valid consent manifest (clip mode, 30 days): the notice every suite shares. */
export const manifest: ConsentManifest = validManifest();

/** Keys shared by the servers of one test file (key generation is cheap, but stable ids help). */
export interface ServerKeys {
  signingKey: SigningPrivateJwk;
  operatorKeys: OperatorPrivateJwk[];
}

/** A fresh signing key and a one-key operator ring. */
export async function newKeys(kid = 'op-1'): Promise<ServerKeys> {
  return { signingKey: await generateSigningKey(), operatorKeys: [generateOperatorKey(kid).privateJwk] };
}

/** Opens a server on `db` with `keys`, the test manifest and any overrides. */
export function openServer(db: SqlDatabase, keys: ServerKeys, overrides: Partial<FaceVerifyServerOptions> = {}): Promise<FaceVerifyServer> {
  return FaceVerifyServer.open({
    database: db,
    ...keys,
    manifest,
    issuer: 'https://makers.example',
    submitUrl: '/api/face-verify/submit',
    erasureSecret: 'an erasure secret of at least thirty-two bytes',
    ...overrides,
  });
}

/** A small fake WebM clip: the EBML magic, then random bytes. */
export function fakeWebm(bytes = 4096): Uint8Array {
  const out = new Uint8Array(randomBytes(bytes));
  out.set([0x1a, 0x45, 0xdf, 0xa3], 0);
  return out;
}

/** A plausible 5-s trace at 30 fps: the head turns and the eyes blink once. */
export function honestSamples(frames = 150, stepMs = 33): FrameSample[] {
  return Array.from({ length: frames }, (_, i) => ({
    t: i * stepMs,
    faces: 1,
    box: { x: 0.3, y: 0.25, w: 0.4, h: 0.5 },
    yaw: 20 * Math.sin(i / 20),
    pitch: 2,
    roll: 1,
    blinkL: i === 60 ? 0.8 : 0.05,
    blinkR: i === 60 ? 0.75 : 0.05,
    luma: 120,
  }));
}

/** A started session: the widget's key and the server's answer. */
export interface Started {
  key: AttestationKey;
  session: SessionResponse;
  challenge: ChallengeClaims;
}

/**
 * Starts a session as the widget does: a fresh attestation key, `createSession({ jkt })`.
 * @param bindTo - bind the challenge to this key instead of the one returned (for binding tests).
 */
export async function startSession(server: FaceVerifyServer, bindTo?: { thumbprint: string }): Promise<Started> {
  const key = await createAttestationKey();
  const session = await server.createSession({ jkt: (bindTo ?? key).thumbprint });
  return { key, session, challenge: decodeJwt(session.challenge) as unknown as ChallengeClaims };
}

/** Knobs to break one step of an otherwise honest submission. */
export interface Tweaks {
  /** The clip to seal (default: a 4 KiB fake WebM). */
  payload?: Uint8Array;
  mimeType?: string;
  /** HPKE info to seal with (default: the right one for this session). */
  info?: Uint8Array;
  /** Edits the claims just before signing. */
  mutate?: (claims: AttestationClaims) => void;
  /** Signs instead of signAttestation (for header tests). */
  sign?: (claims: AttestationClaims, key: AttestationKey) => Promise<string>;
}

/** A submission ready to send, and what went into it. */
export interface Submission extends Started {
  attestation: string;
  sealed: Uint8Array;
  payload: Uint8Array;
  claims: AttestationClaims;
}

/** Builds the honest submission for a started session: capture summary, consent, seal, attestation. */
export async function buildSubmission(started: Started, tweaks: Tweaks = {}): Promise<Submission> {
  const { session, challenge, key } = started;
  const payload = tweaks.payload ?? fakeWebm();
  const info = tweaks.info ?? sealInfo(challenge.mode, challenge.sid, session.challenge);
  const sealed = seal(publicKeyFromJwk(challenge.opk), info, payload);
  const agreedAt = new Date((challenge.iat + 2) * 1000);
  const claims: AttestationClaims = {
    challenge: session.challenge,
    sid: challenge.sid,
    nonce: challenge.nonce,
    mode: challenge.mode,
    iat: challenge.iat + 10,
    blob: { sha256: sha256Base64Url(sealed), bytes: sealed.length, suite: SEAL_SUITE, kid: challenge.opk.kid },
    capture: {
      startedAt: agreedAt.getTime() + 3000,
      durationMs: 4950,
      mimeType: tweaks.mimeType ?? 'video/webm;codecs=vp8',
      payloadBytes: payload.length,
      payloadSha256: sha256Base64Url(payload),
      width: 640,
      height: 480,
      trace: buildTrace(honestSamples()),
    },
    widget: { version: WIDGET_VERSION },
    model: { name: FACE_LANDMARKER_MODEL.name, sha256: FACE_LANDMARKER_MODEL.sha256 },
    consent: {
      receiptId: `cr-${challenge.sid}`,
      timestamp: agreedAt.toISOString(),
      controller: session.manifest.controller,
      policyUrl: session.manifest.policyUrl,
      purpose: session.manifest.purpose,
      consentType: 'explicit',
      sensitive: 'biometric',
      noticeHash: canonicalHash(session.manifest),
      noticeVersion: session.manifest.version,
      locale: session.manifest.locale,
      widgetVersion: WIDGET_VERSION,
      mode: session.mode,
      sessionId: session.sessionId,
      destructionDeadline: new Date(agreedAt.getTime() + session.manifest.retention.days * 86_400_000).toISOString(),
    },
  };
  tweaks.mutate?.(claims);
  const attestation = tweaks.sign ? await tweaks.sign(claims, key) : await signAttestation(key, claims);
  return { ...started, attestation, sealed, payload, claims };
}

/** Starts a session on `server` and builds its submission. */
export async function honestSubmission(server: FaceVerifyServer, tweaks: Tweaks = {}): Promise<Submission> {
  return buildSubmission(await startSession(server), tweaks);
}

/** Row counts of the tables a submission writes. */
export async function counts(db: SqlDatabase): Promise<{ submissions: number; spentNonces: number; receipts: number }> {
  const { rows } = await db.query<{ submissions: number; spent_nonces: number; receipts: number }>(
    `SELECT (SELECT count(*) FROM submissions)::int AS submissions,
            (SELECT count(*) FROM spent_nonces)::int AS spent_nonces,
            (SELECT count(*) FROM receipts)::int AS receipts`,
  );
  const r = rows[0]!;
  return { submissions: r.submissions, spentNonces: r.spent_nonces, receipts: r.receipts };
}

/**
 * Asserts `action` fails with a FaceVerifyError of exactly `code` and that no submission, receipt or
 * spent-nonce row was written.
 * @returns the error, for message checks.
 */
export async function rejects(db: SqlDatabase, action: () => Promise<unknown>, code: ServerErrorCode): Promise<Error> {
  const before = await counts(db);
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught !== undefined, `expected ${code}, but the call succeeded`);
  assert.ok(isFaceVerifyError(caught), `expected a FaceVerifyError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, `expected ${code}, got ${caught.code}: ${caught.message}`);
  assert.deepEqual(await counts(db), before, 'a rejected submission must store nothing');
  return caught;
}

/** Base64url-encodes JSON (for hand-made JWT parts). */
export function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a JWT part. */
export function partJson(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
