/**
 * `FaceVerifyServer`: issues sessions, verifies submissions, keeps them sealed at rest, opens them for
 * the operator, erases them on request and purges them when their retention ends.
 */
import { decodeJwt } from 'jose';
import type { ConsentManifest, VerificationMode } from '../shared/manifest.js';
import {
  MAX_CHALLENGE_TTL_S,
  sealInfo,
  type AttestationClaims,
  type ChallengeClaims,
  type OperatorPublicJwk,
  type SessionResponse,
  type SubmissionReceipt,
} from '../shared/wire.js';
import { open } from '../crypto/hpke.js';
import { attestationKeyThumbprint, decodeAttestationHeader, verifyAttestationSignature } from './attestation.js';
import { issueChallenge, verifyChallenge } from './challenge.js';
import { checkBlob, checkCaptureShape, checkConsent, checkPayload, checkTrace } from './checks.js';
import { isSqlDatabase, openPGlite, type SqlDatabase } from './database.js';
import { sha256Base64UrlNode as sha256b64u } from './digest.js';
import { erasureToken, erasureTokenMatches, erasureUrl } from './erasure.js';
import { fail, isBytes, isRecord } from './fail.js';
import { randomId } from './ids.js';
import { migrate } from './migrations.js';
import { resolveOptions, type FaceVerifyServerOptions, type ResolvedOptions } from './options.js';
import {
  deleteSubmission,
  findSession,
  findSubmissionBySid,
  getSubmission,
  insertSession,
  listSubmissionRows,
  purgeRows,
  storeSubmission,
  type PurgeCounts,
  type SubmissionMetaRow,
  type SubmissionRow,
} from './store.js';

const DAY_MS = 86_400_000;
/** A widget key thumbprint: SHA-256 as unpadded base64url. */
const JKT_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What {@link FaceVerifyServer.verifySubmission} returns for an accepted submission. */
export interface VerifiedSubmission {
  /** Send this to the widget; it shows it to the person. */
  receipt: SubmissionReceipt;
  /** The opened payload (the clip in clip mode). It is stored only sealed; keep it in memory only. */
  payload: Uint8Array;
  /** The attestation's claims, all checks passed. */
  claims: AttestationClaims;
  /**
   * True when this was an identical retry of an already accepted submission (the widget lost the
   * first answer): the stored receipt is returned and nothing new was stored. Hosts that act on a
   * submission (e.g. start a review) should do so only when this is false.
   */
  replayed: boolean;
}

/** A stored submission's metadata, as {@link FaceVerifyServer.listSubmissions} returns it. */
export interface SubmissionInfo {
  /** The submission's id, which is also its receipt id. */
  id: string;
  /** Same as `id`: the id on the person's receipt. */
  receiptId: string;
  sessionId: string;
  mode: VerificationMode;
  /** ISO 8601. */
  receivedAt: string;
  /** ISO 8601; the submission is purged after this. */
  retentionUntil: string;
  mimeType: string;
  sealedBytes: number;
  sealedSha256: string;
  payloadBytes: number;
  payloadSha256: string;
  /** The operator key the blob is sealed to. */
  kid: string;
  consentReceiptId: string;
  /** The capture summary without the trace rows. */
  capture: { startedAt: number; durationMs: number; width: number; height: number; traceFrames: number };
}

/** A stored submission, opened. */
export interface OpenedSubmission {
  receiptId: string;
  payload: Uint8Array;
  mimeType: string;
  payloadSha256: string;
  claims: AttestationClaims;
}

/** The server's public keys, for a `/.well-known`-style endpoint (a JWK Set, current key first). */
export interface PublicInfo {
  keys: OperatorPublicJwk[];
}

/**
 * The backend half of face-verify. Create it once with {@link FaceVerifyServer.open} and share it;
 * every method is safe to call concurrently.
 */
export class FaceVerifyServer {
  readonly #o: ResolvedOptions;
  readonly #db: SqlDatabase;
  readonly #ownsDatabase: boolean;
  #closed = false;

  private constructor(o: ResolvedOptions, db: SqlDatabase, ownsDatabase: boolean) {
    this.#o = o;
    this.#db = db;
    this.#ownsDatabase = ownsDatabase;
  }

  /**
   * Validates the options, opens the database (when given `{ dataDir }`) and brings its schema up to
   * date.
   * @throws FaceVerifyError `invalid-argument` listing every invalid option; `storage-failed` when the
   *   database cannot be opened or migrated.
   */
  static async open(options: FaceVerifyServerOptions): Promise<FaceVerifyServer> {
    const o = await resolveOptions(options);
    const owns = !isSqlDatabase(o.database);
    const db = isSqlDatabase(o.database) ? o.database : await openPGlite(o.database.dataDir);
    try {
      await migrate(db);
    } catch (error) {
      if (owns) await db.close().catch(() => undefined);
      throw error;
    }
    return new FaceVerifyServer(o, db, owns);
  }

  /** The verification mode of every session (the manifest's `mode`). */
  get mode(): VerificationMode {
    return this.#o.mode;
  }

  /** A copy of the consent manifest sessions show. */
  get manifest(): ConsentManifest {
    return structuredClone(this.#o.manifest);
  }

  /**
   * Starts a session: stores it and signs a challenge bound to the widget's key.
   * @param input.jkt - RFC 7638 SHA-256 thumbprint of the widget's attestation public key.
   * @returns the body the host's session endpoint sends to the widget.
   * @throws FaceVerifyError `invalid-argument` for a malformed `jkt`; `storage-failed`.
   */
  async createSession(input: { jkt: string }): Promise<SessionResponse> {
    this.#assertOpen('createSession');
    const jkt = isRecord(input) ? input['jkt'] : undefined;
    if (typeof jkt !== 'string' || !JKT_PATTERN.test(jkt)) {
      fail('invalid-argument', "createSession: `jkt` must be the RFC 7638 SHA-256 thumbprint of the widget's attestation key (43 base64url characters); pass what the widget sent");
    }
    const o = this.#o;
    const nowMs = o.now();
    const iat = Math.floor(nowMs / 1000);
    const claims: ChallengeClaims = {
      iss: o.issuer,
      sid: randomId(16),
      nonce: randomId(32),
      iat,
      exp: iat + o.ttlSeconds,
      mode: o.mode,
      opk: { ...o.current.publicJwk },
      mh: o.manifestHash,
      cnf: { jkt },
      clipMs: o.clipMs,
    };
    const challenge = await issueChallenge(o, claims);
    await insertSession(this.#db, {
      sid: claims.sid,
      nonce: claims.nonce,
      mode: claims.mode,
      manifest_hash: claims.mh,
      jkt,
      created_at: new Date(nowMs),
      expires_at: new Date(claims.exp * 1000),
    });
    return {
      v: 1,
      sessionId: claims.sid,
      challenge,
      expiresAt: claims.exp,
      mode: claims.mode,
      manifest: structuredClone(o.manifest),
      submitUrl: o.submitUrl,
    };
  }

  /**
   * Verifies a submission and, only when every check passes, stores it (sealed, as received) with its
   * consent receipt. Checks, in order, each failing with its own code: the attestation header
   * (`token-malformed`, `alg-not-allowed`); its signature (`signature-invalid`); the challenge
   * (`challenge-invalid`, `challenge-expired`); the key binding (`key-binding-mismatch`); sid, nonce
   * and mode (`claims-mismatch`) and the session (`session-unknown`); the blob (`blob-too-large`,
   * `blob-hash-mismatch`, `key-unknown`); the seal (`seal-open-failed`); the payload
   * (`payload-invalid`); the trace (`trace-invalid`); the consent receipt (`consent-invalid`); the
   * nonce (`nonce-replayed`). Nothing is stored when any check fails. A session started under a
   * different manifest than the server's current one is refused (`consent-invalid`): the retention
   * applied must be the one the person was shown.
   *
   * An identical retry (same attestation, same body) of an accepted submission returns the stored
   * receipt with `replayed: true`, even after the challenge expired.
   * @param input.attestation - the attestation JWT from the `face-verify-attestation` header.
   * @param input.sealed - the request body, as received.
   * @throws FaceVerifyError with one of the codes above, `invalid-argument` or `storage-failed`.
   */
  async verifySubmission(input: { attestation: string; sealed: Uint8Array }): Promise<VerifiedSubmission> {
    this.#assertOpen('verifySubmission');
    if (!isRecord(input)) fail('invalid-argument', 'verifySubmission: pass { attestation, sealed } (see readSubmission())');
    const { attestation, sealed } = input as { attestation: unknown; sealed: unknown };
    if (!isBytes(sealed)) {
      fail('invalid-argument', 'verifySubmission: `sealed` must be the request body as a Uint8Array (a Node Buffer is one)');
    }
    const o = this.#o;
    const db = this.#db;

    // (1) The header, untrusted; (2) the signature under the key it carries.
    const header = decodeAttestationHeader(attestation);
    const token = attestation as string;
    const nowMs = o.now();
    const claims = await verifyAttestationSignature(token, nowMs);
    let sealedSha: string | undefined;
    const sealedSha256 = (): string => (sealedSha ??= sha256b64u(sealed));

    // An identical retry of an accepted submission: answer with the stored receipt.
    if (typeof claims['sid'] === 'string') {
      const replay = await this.#identicalRetry(claims['sid'], token, sealed, sealedSha256);
      if (replay) return replay;
    }

    // (3) The challenge is ours and current; (4) the attestation key is the one it was issued to.
    const challenge = await verifyChallenge(o, claims['challenge']);
    const challengeToken = claims['challenge'] as string;
    if ((await attestationKeyThumbprint(header.jwk)) !== challenge.cnf.jkt) {
      fail('key-binding-mismatch', "attestation: signed by a different key than the one the challenge was issued to (cnf.jkt); the widget must sign with the key whose thumbprint it sent to createSession");
    }

    // (5) Same session, nonce and mode as the challenge, and the session exists.
    for (const key of ['sid', 'nonce', 'mode'] as const) {
      if (claims[key] !== challenge[key]) {
        fail('claims-mismatch', `attestation claim ${key}: differs from the challenge's ${key}; the widget must copy it from the challenge it signs`);
      }
    }
    const session = await findSession(db, challenge.sid);
    if (!session) {
      fail('session-unknown', 'session: no session with this id exists here (never created, erased or purged); start a new session');
    }
    if (session.nonce !== challenge.nonce || session.jkt !== challenge.cnf.jkt) {
      fail('challenge-invalid', 'challenge: its nonce or key binding differs from the stored session; start a new session');
    }

    // (6) The blob is the one attested, within limits, sealed to a key we hold.
    const blob = checkBlob(claims['blob'], sealed.length, sealedSha256, o.maxSealedBytes, new Set(o.ring.keys()));

    // (7) Open it, bound to this mode, session and challenge; the payload is what the capture says.
    const payload = this.#openSealed(o.ring.get(blob.kid)!.secretKey, challenge.mode, challenge.sid, challengeToken, sealed,
      'sealed blob: could not be opened for this session; it was sealed to another key, session or challenge, or altered');
    const capture = checkCaptureShape(claims['capture']);
    checkPayload(challenge.mode, capture, payload, sha256b64u(payload));

    // (8) The trace; (9) the consent receipt.
    checkTrace(capture, challenge.clipMs);
    const consent = checkConsent(claims['consent'], challenge);
    if (challenge.mh !== o.manifestHash) {
      // The person agreed to a notice this server no longer shows (its manifest changed since the
      // session began); storing under the new terms (e.g. another retention) would not be what they agreed to.
      fail('consent-invalid', 'consent: the consent notice changed since this session started; start a new session so the person sees the current notice');
    }

    // (10) Spend the nonce and store, in one transaction.
    const id = randomId(16);
    const receivedAt = new Date(nowMs);
    const retentionUntil = new Date(nowMs + o.manifest.retention.days * DAY_MS);
    const outcome = await storeSubmission(db, {
      id,
      sid: challenge.sid,
      nonce: challenge.nonce,
      receivedAt,
      mode: challenge.mode,
      sealed,
      sealedSha256: blob.sha256,
      payloadSha256: capture.payloadSha256,
      payloadBytes: payload.length,
      kid: blob.kid,
      mimeType: capture.mimeType,
      capture,
      attestation: token,
      retentionUntil,
      consent,
    });
    if (outcome === 'nonce-spent') {
      // A concurrent identical retry may have won the race; it deserves the same receipt.
      const replay = await this.#identicalRetry(challenge.sid, token, sealed, sealedSha256);
      if (replay) return replay;
      fail('nonce-replayed', "challenge: its nonce was already used by an accepted submission; a challenge is single-use — start a new session");
    }
    const receipt = this.#receipt({
      id,
      sid: challenge.sid,
      mode: challenge.mode,
      receivedAt,
      retentionUntil,
      sealedSha256: blob.sha256,
      sealedBytes: sealed.length,
      payloadSha256: capture.payloadSha256,
      consentReceiptId: consent.receiptId,
    });
    return { receipt, payload, claims: claims as unknown as AttestationClaims, replayed: false };
  }

  /**
   * Stored submissions, newest first: metadata only, never bytes or trace rows.
   * @param options.limit - at most this many (1…10000, default 1000); options.offset - skip this many.
   * @throws FaceVerifyError `invalid-argument`; `storage-failed`.
   */
  async listSubmissions(options: { limit?: number; offset?: number } = {}): Promise<SubmissionInfo[]> {
    this.#assertOpen('listSubmissions');
    const { limit = 1000, offset = 0 } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > 10_000 || !Number.isInteger(offset) || offset < 0) {
      fail('invalid-argument', 'listSubmissions: `limit` must be a whole number from 1 to 10000 and `offset` a whole number ≥ 0');
    }
    const rows = await listSubmissionRows(this.#db, limit, offset);
    return rows.map(submissionInfo);
  }

  /**
   * Opens a stored submission with the operator key that sealed it and checks the payload's hash.
   * @param id - the receipt id.
   * @throws FaceVerifyError `receipt-unknown`; `key-unknown` when that key left the ring;
   *   `seal-open-failed` / `payload-invalid` when the stored blob was altered; `storage-failed`.
   */
  async openSubmission(id: string): Promise<OpenedSubmission> {
    this.#assertOpen('openSubmission');
    const row = await this.#getRow('openSubmission', id);
    return this.#openRow(row);
  }

  /**
   * The receipt of a stored submission, as it was issued (the erasure link is re-derived, never stored).
   * @throws FaceVerifyError `receipt-unknown`; `storage-failed`.
   */
  async getReceipt(receiptId: string): Promise<SubmissionReceipt> {
    this.#assertOpen('getReceipt');
    return this.#receiptFromRow(await this.#getRow('getReceipt', receiptId));
  }

  /**
   * Erases a submission, its consent receipt, its session and its spent nonce, when `token` is the
   * receipt's erasure token (compared in constant time, before any lookup).
   * @throws FaceVerifyError `erasure-token-invalid`; `receipt-unknown` (never stored, or already
   *   erased); `invalid-argument`; `storage-failed`.
   */
  async eraseSubmission(receiptId: string, token: string): Promise<{ erased: true; receiptId: string }> {
    this.#assertOpen('eraseSubmission');
    checkReceiptId('eraseSubmission', receiptId);
    if (!erasureTokenMatches(this.#o.erasureSecret, receiptId, token)) {
      fail('erasure-token-invalid', 'eraseSubmission: `token` is not the erasure token of this receipt; use the complete erasure link from the receipt');
    }
    if (!(await deleteSubmission(this.#db, receiptId))) {
      fail('receipt-unknown', 'eraseSubmission: no submission with this receipt id is stored (it may already be erased or past retention)');
    }
    return { erased: true, receiptId };
  }

  /**
   * Deletes submissions past their retention date, and sessions and spent nonces whose challenge
   * expired more than a day ago. Run it periodically (e.g. hourly).
   * @returns how many rows of each kind were deleted.
   * @throws FaceVerifyError `storage-failed`.
   */
  async purgeExpired(): Promise<PurgeCounts> {
    this.#assertOpen('purgeExpired');
    const nowMs = this.#o.now();
    return purgeRows(this.#db, new Date(nowMs), new Date(nowMs - DAY_MS), new Date(nowMs - DAY_MS - MAX_CHALLENGE_TTL_S * 1000));
  }

  /** The operator public keys, current first, as a JWK Set: serve it for other backends and audits. */
  publicInfo(): PublicInfo {
    return { keys: [...this.#o.ring.values()].map((k) => ({ ...k.publicJwk })) };
  }

  /**
   * Closes the server. A database it opened from `{ dataDir }` is closed too; one passed in stays
   * open (its owner closes it). Safe to call twice.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const key of this.#o.ring.values()) key.secretKey.fill(0);
    if (this.#ownsDatabase) await this.#db.close();
  }

  #assertOpen(method: string): void {
    if (this.#closed) fail('invalid-argument', `${method}: this FaceVerifyServer is closed; open a new one with FaceVerifyServer.open()`);
  }

  async #getRow(method: string, id: string): Promise<SubmissionRow> {
    checkReceiptId(method, id);
    const row = await getSubmission(this.#db, id);
    if (!row) fail('receipt-unknown', `${method}: no submission with this receipt id is stored (never accepted, erased or past retention)`);
    return row;
  }

  /** The stored answer to an identical retry, or undefined when this is not one. */
  async #identicalRetry(
    sid: string,
    token: string,
    sealed: Uint8Array,
    sealedSha256: () => string,
  ): Promise<VerifiedSubmission | undefined> {
    const stored = await findSubmissionBySid(this.#db, sid);
    if (!stored || stored.attestation !== token || stored.sealed_bytes !== sealed.length || stored.sealed_sha256 !== sealedSha256()) {
      return undefined;
    }
    const row = await getSubmission(this.#db, stored.id);
    if (!row) return undefined; // erased in between
    const opened = this.#openRow(row);
    return { receipt: this.#receiptFromRow(row), payload: opened.payload, claims: opened.claims, replayed: true };
  }

  #openRow(row: SubmissionRow): OpenedSubmission {
    const key = this.#o.ring.get(row.kid);
    if (!key) {
      fail('key-unknown', `openSubmission: operator key "${row.kid}" sealed this submission but is no longer in operatorKeys; add it back (keep old keys until their submissions are purged)`);
    }
    const claims = decodeJwt(row.attestation) as unknown as AttestationClaims;
    const payload = this.#openSealed(key.secretKey, row.mode, row.sid, claims.challenge, row.sealed,
      `openSubmission: the stored blob could not be opened with operator key "${row.kid}"; the stored row or key was altered`);
    if (payload.length !== row.payload_bytes || sha256b64u(payload) !== row.payload_sha256) {
      fail('payload-invalid', 'openSubmission: the opened payload does not match its stored SHA-256; the stored row was altered');
    }
    return { receiptId: row.id, payload, mimeType: row.mime_type, payloadSha256: row.payload_sha256, claims };
  }

  #openSealed(secretKey: Uint8Array, mode: VerificationMode, sid: string, challenge: string, sealed: Uint8Array, message: string): Uint8Array {
    try {
      return open(secretKey, sealInfo(mode, sid, challenge), sealed);
    } catch (error) {
      fail('seal-open-failed', message, error);
    }
  }

  #receiptFromRow(row: SubmissionMetaRow): SubmissionReceipt {
    return this.#receipt({
      id: row.id,
      sid: row.sid,
      mode: row.mode,
      receivedAt: new Date(row.received_at),
      retentionUntil: new Date(row.retention_until),
      sealedSha256: row.sealed_sha256,
      sealedBytes: row.sealed_bytes,
      payloadSha256: row.payload_sha256,
      consentReceiptId: row.consent_receipt_id,
    });
  }

  #receipt(r: {
    id: string;
    sid: string;
    mode: VerificationMode;
    receivedAt: Date;
    retentionUntil: Date;
    sealedSha256: string;
    sealedBytes: number;
    payloadSha256: string;
    consentReceiptId: string;
  }): SubmissionReceipt {
    return {
      receiptId: r.id,
      sessionId: r.sid,
      mode: r.mode,
      receivedAt: r.receivedAt.toISOString(),
      sealedSha256: r.sealedSha256,
      sealedBytes: r.sealedBytes,
      payloadSha256: r.payloadSha256,
      retentionUntil: r.retentionUntil.toISOString(),
      erasureUrl: erasureUrl(this.#o.manifest.erasureUrl, r.id, erasureToken(this.#o.erasureSecret, r.id)),
      consentReceiptId: r.consentReceiptId,
    };
  }
}

function checkReceiptId(method: string, id: unknown): asserts id is string {
  if (typeof id !== 'string' || id === '' || id.length > 64) {
    fail('invalid-argument', `${method}: \`receiptId\` must be the receipt id from the submission receipt (a short base64url string)`);
  }
}

function submissionInfo(row: SubmissionMetaRow): SubmissionInfo {
  const c = row.capture_summary;
  return {
    id: row.id,
    receiptId: row.id,
    sessionId: row.sid,
    mode: row.mode,
    receivedAt: new Date(row.received_at).toISOString(),
    retentionUntil: new Date(row.retention_until).toISOString(),
    mimeType: row.mime_type,
    sealedBytes: row.sealed_bytes,
    sealedSha256: row.sealed_sha256,
    payloadBytes: row.payload_bytes,
    payloadSha256: row.payload_sha256,
    kid: row.kid,
    consentReceiptId: row.consent_receipt_id,
    capture: { startedAt: c.startedAt, durationMs: c.durationMs, width: c.width, height: c.height, traceFrames: row.trace_frames },
  };
}

