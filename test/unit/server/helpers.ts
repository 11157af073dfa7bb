/**
 * Test helpers for the server: a widget that plays the v2 protocol honestly with the real crypto
 * (WebCrypto P-256 attestation key, RFC 9180 HPKE, ES256 JWT, CBOR container), knobs to break one
 * thing at a time, a clock the tests drive, and row counters that prove a rejection stored nothing.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { createAttestationKey, signAttestation, type AttestationKey } from '../../../src/crypto/attestation-key.js';
import { sha256Base64Url } from '../../../src/crypto/digest.js';
import { seal } from '../../../src/crypto/hpke.js';
import { generateOperatorKey, publicKeyFromJwk, type OperatorPrivateJwk } from '../../../src/crypto/operator-key.js';
import { toBase64Url } from '../../../src/shared/bytes.js';
import { canonicalHash } from '../../../src/shared/canonical-json.js';
import { isFaceVerifyError, type ServerErrorCode } from '../../../src/shared/errors.js';
import { erasureLinkParts } from '../../../src/shared/erasure-link.js';
import { encodeEvidence, type Evidence } from '../../../src/shared/evidence.js';
import { encodeTemplate, TEMPLATE_MEDIA_TYPE } from '../../../src/shared/face-template.js';
import type { ConsentManifest } from '../../../src/shared/manifest.js';
import { encodeSealedContents } from '../../../src/shared/sealed-container.js';
import { sealInfo } from '../../../src/shared/seal-info.js';
import { buildTrace, traceColumn, type FrameSample } from '../../../src/shared/trace.js';
import { FACE_LANDMARKER_MODEL, WIDGET_VERSION } from '../../../src/shared/version.js';
import { SEAL_SUITE, type AttestationClaims, type ChallengeClaims, type SessionResponse } from '../../../src/shared/wire.js';
import type { SqlDatabase } from '../../../src/server/database.js';
import { openTestDatabase } from './test-database.js';
import { generateSigningKey, type SigningPrivateJwk } from '../../../src/server/keys.js';
import type { FaceVerifyServerOptions } from '../../../src/server/options.js';
import { FaceVerifyServer } from '../../../src/server/server.js';
import { answersColourCheck, liveTrace, type LiveTraceOptions } from '../../fixtures/live-trace.js';
import { validManifest } from '../../fixtures/manifest.js';

/** A complete, valid consent manifest (clip mode, 30 days): the notice every suite shares. */
export const manifest: ConsentManifest = validManifest();

/**
 * The servers' clock in these tests: it moves only when a test moves it, so windows are exact.
 * {@link buildSubmission} moves it past the end of the recording it claims, as real time would.
 */
export const clock = { ms: Date.parse('2026-06-01T10:00:00Z') };

/** Keys shared by the servers of one test file. */
export interface ServerKeys {
  signingKey: SigningPrivateJwk;
  operatorKeys: OperatorPrivateJwk[];
}

/** A fresh signing key and a one-key operator ring. */
export async function newKeys(kid = 'op-1'): Promise<ServerKeys> {
  return { signingKey: await generateSigningKey(), operatorKeys: [generateOperatorKey(kid).privateJwk] };
}

/** Opens a server on `db` with `keys`, the test manifest, the test clock and any overrides. */
export function openServer(db: SqlDatabase, keys: ServerKeys, overrides: Partial<FaceVerifyServerOptions> = {}): Promise<FaceVerifyServer> {
  return FaceVerifyServer.open({
    database: db,
    ...keys,
    manifest,
    issuer: 'https://makers.example',
    challengeUrl: '/api/face-verify/challenge',
    submitUrl: '/api/face-verify/submit',
    erasureSecret: 'an erasure secret of at least thirty-two bytes',
    now: () => clock.ms,
    ...overrides,
  });
}

/** One test file's in-memory database and server, opened before its tests and closed after them. */
export interface ServerFixture {
  db: SqlDatabase;
  keys: ServerKeys;
  server: FaceVerifyServer;
}

/** Registers before/after hooks that open and close a {@link ServerFixture}; read its members inside tests. */
export function useServer(overrides: Partial<FaceVerifyServerOptions> = {}): ServerFixture {
  const fixture = {} as ServerFixture;
  before(async () => {
    fixture.db = await openTestDatabase();
    fixture.keys = await newKeys();
    fixture.server = await openServer(fixture.db, fixture.keys, overrides);
  });
  after(async () => {
    await fixture.server.close();
    await fixture.db.close();
  });
  return fixture;
}

/** A small fake WebM clip: the EBML magic, then random bytes. */
export function fakeWebm(bytes = 4096): Uint8Array {
  const out = new Uint8Array(randomBytes(bytes));
  out.set([0x1a, 0x45, 0xdf, 0xa3], 0);
  return out;
}

/**
 * A plausible 5-s trace at 30 fps: the head turns and the eyes blink once. It follows no liveness
 * script: plausibility tests use it, and it fails the liveness check.
 */
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

/** A started session: the widget's key, the page-load session and the challenge after consent. */
export interface Started {
  key: AttestationKey;
  session: SessionResponse;
  /** The challenge token, verbatim. */
  token: string;
  challenge: ChallengeClaims;
}

/**
 * Starts a session as the widget does: `createSession()` on page load, a fresh attestation key,
 * `createChallenge({ session, jkt })` after consent.
 * @param bindTo - bind the challenge to this key instead of the one returned (for binding tests).
 * @param languages - the widget's requested languages, as its session request body sends them.
 */
export async function startSession(server: FaceVerifyServer, bindTo?: { thumbprint: string }, languages?: string[]): Promise<Started> {
  for (let draw = 1; ; draw++) {
    const session = await server.createSession(languages ? { languages } : {});
    const key = await createAttestationKey();
    const { challenge: token } = await server.createChallenge({ session: session.session, jkt: (bindTo ?? key).thumbprint });
    const challenge = decodeJwt(token) as unknown as ChallengeClaims;
    // A schedule the synthetic face cannot answer (about 1 in 3,000) would fail an honest
    // submission for a reason these suites do not test: take the next challenge.
    if (draw >= 5 || answersColourCheck(challenge.liveness)) return { key, session, token, challenge };
  }
}


/** Knobs to break one step of an otherwise honest submission. */
export interface Tweaks {
  /** The clip to seal (default: a 4 KiB fake WebM). */
  payload?: Uint8Array;
  payloadType?: string;
  /** How the synthetic person behaves (default: does what the challenge's script asks). */
  live?: LiveTraceOptions;
  /** The trace rows instead of the live person's (they follow no script: liveness fails). */
  samples?: FrameSample[];
  /** Edits the evidence object before it is encoded. */
  evidence?: (evidence: Evidence) => unknown;
  /** Replaces the whole plaintext inside the seal. */
  plaintext?: (contents: { payload: Uint8Array; evidence: Uint8Array }) => Uint8Array;
  /** HPKE info to seal with (default: the right one for this session). */
  info?: Uint8Array;
  /** Edits the claims just before signing. */
  mutate?: (claims: AttestationClaims) => void;
  /** Signs instead of signAttestation (for header tests). */
  sign?: (claims: AttestationClaims, key: AttestationKey) => Promise<string>;
  /** Leave the clock where it is instead of moving it past the recording's end. */
  keepClock?: boolean;
}

/** A submission ready to send, and what went into it. */
export interface Submission extends Started {
  attestation: string;
  sealed: Uint8Array;
  idempotencyKey: string;
  payload: Uint8Array;
  evidence: Uint8Array;
  claims: AttestationClaims;
}

/** Builds the honest submission for a started session: capture summary, consent, seal, attestation. */
export async function buildSubmission(started: Started, tweaks: Tweaks = {}): Promise<Submission> {
  const { session, challenge, key, token } = started;
  const payload = tweaks.payload ?? fakeWebm();
  const live = liveTrace(challenge.liveness, tweaks.live);
  const trace = buildTrace(tweaks.samples ?? live.samples);
  const evidenceObject: Evidence = { v: 2, trace, liveness: live.report, signals: live.signals };
  const edited = tweaks.evidence ? tweaks.evidence(evidenceObject) : evidenceObject;
  const evidence = tweaks.evidence ? new TextEncoder().encode(JSON.stringify(edited)) : encodeEvidence(evidenceObject);
  const plaintext = tweaks.plaintext ? tweaks.plaintext({ payload, evidence }) : encodeSealedContents({ payload, evidence });
  const info = tweaks.info ?? sealInfo(challenge.mode, challenge.sid, token);
  const sealed = seal(publicKeyFromJwk(challenge.opk), info, plaintext);
  const agreedAt = new Date(challenge.iat * 1000 - 2000);
  const startedAfterMs = 2000;
  // Hand-made samples describe a 5-s clip (honestSamples); the live person's recording lasts as its script.
  const durationMs = tweaks.samples ? 4950 : live.durationMs;
  const claims: AttestationClaims = {
    v: 2,
    jti: toBase64Url(new Uint8Array(randomBytes(16))),
    challenge: token,
    sid: challenge.sid,
    nonce: challenge.nonce,
    mode: challenge.mode,
    iat: challenge.iat + 10,
    sealed: { sha256: sha256Base64Url(sealed), bytes: sealed.length, suite: SEAL_SUITE, kid: challenge.opk.kid },
    payload: { sha256: sha256Base64Url(payload), bytes: payload.length, type: tweaks.payloadType ?? 'video/webm;codecs=vp8' },
    evidence: { sha256: sha256Base64Url(evidence), bytes: evidence.length },
    capture: { startedAfterMs, durationMs, width: 640, height: 480, frames: trace.rows.length },
    widget: { version: WIDGET_VERSION },
    model: { name: FACE_LANDMARKER_MODEL.name, sha256: FACE_LANDMARKER_MODEL.sha256 },
    consent: {
      receiptId: `cr-${challenge.sid}-${claimsCounter++}`,
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
  // The person recorded and reviewed: the server's clock is past the end of the recording.
  if (!tweaks.keepClock) clock.ms = Math.max(clock.ms, challenge.iat * 1000 + startedAfterMs + durationMs + 3000);
  return { ...started, attestation, sealed, idempotencyKey: claims.jti, payload, evidence, claims };
}
let claimsCounter = 0;

/** Starts a session on `server` and builds its submission. */
export async function honestSubmission(server: FaceVerifyServer, tweaks: Tweaks = {}): Promise<Submission> {
  return buildSubmission(await startSession(server), tweaks);
}

/** The first `n` frames of the lead (head still, frontal, eyes open): what the widget would name. */
export function leadFrames(e: Evidence, n = 4): number[] {
  return traceColumn(e.trace, 't').slice(1, 1 + n) as number[];
}

/** An honest embedding-mode submission of `template`, bound to the lead's frames. */
export function templateTweaks(template: Float32Array, extra: Partial<Tweaks> = {}): Tweaks {
  return {
    payload: encodeTemplate(template),
    payloadType: TEMPLATE_MEDIA_TYPE,
    evidence: (e) => ({ ...e, template: { frames: leadFrames(e) } }),
    ...extra,
  };
}

/** What verifySubmission takes, from a built submission. */
export function parts(sub: Submission): { attestation: string; sealed: Uint8Array; idempotencyKey: string } {
  return { attestation: sub.attestation, sealed: sub.sealed, idempotencyKey: sub.idempotencyKey };
}

/** Row counts of the tables a submission writes. */
export async function counts(db: SqlDatabase): Promise<{ submissions: number; spentNonces: number; receipts: number }> {
  const { rows } = await db.query<{ submissions: number; spent_nonces: number; receipts: number }>(
    `SELECT (SELECT count(*) FROM face_verify_submissions)::int AS submissions,
            (SELECT count(*) FROM face_verify_spent_nonces)::int AS spent_nonces,
            (SELECT count(*) FROM face_verify_receipts)::int AS receipts`,
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

/** The receipt id and token of a receipt's erasure link, read from its fragment (as the erase page does). */
export function erasureParams(receipt: { erasureUrl: string }): { receipt: string; token: string } {
  const link = erasureLinkParts(receipt.erasureUrl);
  assert.ok(link, `the erasure link ${receipt.erasureUrl} must carry receipt and token in its fragment`);
  return link;
}

/** Base64url-encodes JSON (for hand-made JWT parts). */
export function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a JWT part. */
export function partJson(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
